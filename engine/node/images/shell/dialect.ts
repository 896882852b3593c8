// What differs between the shells the images ship: busybox ash (busybox, alpine), dash (Debian's /bin/sh) and bash —
// their error message formats, default prompts and echo's handling of escapes.

import type { Errno } from '../process/errno.ts';
import { strerror } from '../process/errno.ts';
import type { SyntaxProblem } from './syntax-error.ts';

export interface ShellDialect {
  /** The name in messages ("sh" or "bash"). */
  name: string;
  /** The default PS1 (backslash escapes as bash and ash expand them). */
  prompt: string;
  /** Whether the echo builtin always interprets backslash escapes and knows no -e (dash). */
  echoEscapes: boolean;
  /** Prefix of the shell's own error messages, e.g. "sh: " or "sh: 3: " (dash names the line). */
  prefix(line: number): string;
  notFound(command: string, line: number): string;
  syntaxError(problem: SyntaxProblem, line: number): string;
  cannotCreate(path: string, errno: Errno, line: number): string;
  cannotOpen(path: string, errno: Errno, line: number): string;
  cannotCd(path: string, errno: Errno, line: number): string;
  /** Exit status after a failed redirection. */
  redirectStatus: number;
}

/** " (expecting "fi")" when the grammar needed a particular token, as ash and dash add. */
function expecting(problem: SyntaxProblem): string {
  return 'expecting' in problem && problem.expecting ? ` (expecting ${problem.expecting})` : '';
}

export const ash: ShellDialect = {
  name: 'sh',
  prompt: '\\w \\$ ',
  echoEscapes: false,
  prefix: () => 'sh: ',
  notFound: (command) => `sh: ${command}: not found`,
  syntaxError(problem) {
    if (problem.kind === 'unterminated-quote') return 'sh: syntax error: unterminated quoted string';
    const token = problem.kind === 'end-of-file' ? 'end of file' : problem.token;
    return `sh: syntax error: unexpected ${token}${expecting(problem)}`;
  },
  cannotCreate: (path, errno) =>
    `sh: can't create ${path}: ${errno === 'ENOENT' ? 'nonexistent directory' : strerror(errno)}`,
  cannotOpen: (path, errno) => `sh: can't open ${path}: ${errno === 'ENOENT' ? 'no such file' : strerror(errno)}`,
  cannotCd: (path, errno) => `sh: cd: can't cd to ${path}: ${strerror(errno)}`,
  redirectStatus: 1,
};

export const dash: ShellDialect = {
  name: 'sh',
  prompt: '\\$ ',
  echoEscapes: true,
  prefix: (line) => `sh: ${line}: `,
  notFound: (command, line) => `sh: ${line}: ${command}: not found`,
  syntaxError(problem, line) {
    if (problem.kind === 'unterminated-quote') return `sh: ${line}: Syntax error: Unterminated quoted string`;
    const token = problem.kind === 'end-of-file' ? 'end of file' : problem.token;
    return `sh: ${line}: Syntax error: ${token} unexpected${expecting(problem)}`;
  },
  cannotCreate: (path, errno, line) =>
    `sh: ${line}: cannot create ${path}: ${errno === 'ENOENT' ? 'Directory nonexistent' : strerror(errno)}`,
  cannotOpen: (path, errno, line) =>
    `sh: ${line}: cannot open ${path}: ${errno === 'ENOENT' ? 'No such file' : strerror(errno)}`,
  cannotCd: (path, _reason, line) => `sh: ${line}: cd: can't cd to ${path}`,
  redirectStatus: 2,
};

export const bash: ShellDialect = {
  name: 'bash',
  prompt: '\\u@\\h:\\w\\$ ',
  echoEscapes: false,
  prefix: () => 'bash: ',
  notFound: (command) => `bash: ${command}: command not found`,
  syntaxError(problem) {
    if (problem.kind === 'unterminated-quote') return "bash: unexpected EOF while looking for matching `''";
    if (problem.kind === 'end-of-file') return 'bash: syntax error: unexpected end of file';
    return `bash: syntax error near unexpected token \`${problem.text}'`;
  },
  cannotCreate: (path, errno) => `bash: ${path}: ${strerror(errno)}`,
  cannotOpen: (path, errno) => `bash: ${path}: ${strerror(errno)}`,
  cannotCd: (path, errno) => `bash: cd: ${path}: ${strerror(errno)}`,
  redirectStatus: 1,
};
