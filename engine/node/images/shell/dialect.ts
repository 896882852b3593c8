// What differs between the shells the images ship: busybox ash (busybox, alpine), dash (Debian's /bin/sh) and bash —
// their error message formats, default prompts and echo's handling of escapes.

import type { Errno } from '../process/errno.ts';
import { strerror } from '../process/errno.ts';
import type { SyntaxProblem } from './syntax-error.ts';

/** Where a shell error happens, which decides how each shell prefixes its message. */
export interface ErrorSite {
  /** $0: the shell as invoked ("sh", "/bin/sh"), a script's path, or the name given after -c's string. */
  arg0: string;
  /** The script or the name after -c's string (ash's commandname); undefined for -c alone, stdin and terminals. */
  commandName?: string;
  /** Whether the program is -c's string. */
  commandString: boolean;
  interactive: boolean;
  line: number;
}

export interface ShellDialect {
  /** The name in messages ("sh" or "bash"). */
  name: string;
  /** The default PS1 (backslash escapes as bash and ash expand them). */
  prompt: string;
  /** Whether the echo builtin always interprets backslash escapes and knows no -e (dash). */
  echoEscapes: boolean;
  /** Prefix of the shell's own error messages: "sh: ", "/run.sh: line 3: " (ash), "sh: 3: " (dash)… */
  prefix(site: ErrorSite): string;
  notFound(command: string, site: ErrorSite): string;
  /** `text` is the program, for the line bash quotes. */
  syntaxError(problem: SyntaxProblem, site: ErrorSite, text: string): string;
  cannotCreate(path: string, errno: Errno, site: ErrorSite): string;
  cannotOpen(path: string, errno: Errno, site: ErrorSite): string;
  cannotCd(path: string, errno: Errno, site: ErrorSite): string;
  /** `sh SCRIPT` where the script cannot be read; `arg0` is the shell's own. */
  cannotOpenScript(script: string, errno: Errno, arg0: string): string;
  /** Exit status after a failed redirection. */
  redirectStatus: number;
}

/** " (expecting "fi")" when the grammar needed a particular token, as ash and dash add. */
function expecting(problem: SyntaxProblem): string {
  return 'expecting' in problem && problem.expecting ? ` (expecting ${problem.expecting})` : '';
}

/** ash's: `$0: `, then for scripts and named -c strings the line (and the name, when it is not $0). */
function ashPrefix(site: ErrorSite): string {
  if (site.commandName === undefined) return `${site.arg0}: `;
  const name = site.commandName === site.arg0 ? '' : `${site.commandName}: `;
  return `${site.arg0}: ${name}${site.interactive ? '' : `line ${site.line}: `}`;
}

export const ash: ShellDialect = {
  name: 'sh',
  prompt: '\\w \\$ ',
  echoEscapes: false,
  prefix: ashPrefix,
  notFound: (command, site) => `${ashPrefix(site)}${command}: not found`,
  syntaxError(problem, site) {
    if (problem.kind === 'unterminated-quote') return `${ashPrefix(site)}syntax error: unterminated quoted string`;
    const token = problem.kind === 'end-of-file' ? 'end of file' : problem.token;
    return `${ashPrefix(site)}syntax error: unexpected ${token}${expecting(problem)}`;
  },
  cannotCreate: (path, errno, site) =>
    `${ashPrefix(site)}can't create ${path}: ${errno === 'ENOENT' ? 'nonexistent directory' : strerror(errno)}`,
  cannotOpen: (path, errno, site) =>
    `${ashPrefix(site)}can't open ${path}: ${errno === 'ENOENT' ? 'no such file' : strerror(errno)}`,
  cannotCd: (path, errno, site) => `${ashPrefix(site)}cd: can't cd to ${path}: ${strerror(errno)}`,
  cannotOpenScript: (script, errno, arg0) => `${arg0}: can't open '${script}': ${strerror(errno)}`,
  redirectStatus: 1,
};

const dashPrefix = (site: ErrorSite): string => `${site.arg0}: ${site.line}: `;

export const dash: ShellDialect = {
  name: 'sh',
  prompt: '\\$ ',
  echoEscapes: true,
  prefix: dashPrefix,
  notFound: (command, site) => `${dashPrefix(site)}${command}: not found`,
  syntaxError(problem, site) {
    if (problem.kind === 'unterminated-quote') return `${dashPrefix(site)}Syntax error: Unterminated quoted string`;
    const token = problem.kind === 'end-of-file' ? 'end of file' : problem.token;
    return `${dashPrefix(site)}Syntax error: ${token} unexpected${expecting(problem)}`;
  },
  cannotCreate: (path, errno, site) =>
    `${dashPrefix(site)}cannot create ${path}: ${errno === 'ENOENT' ? 'Directory nonexistent' : strerror(errno)}`,
  cannotOpen: (path, errno, site) =>
    `${dashPrefix(site)}cannot open ${path}: ${errno === 'ENOENT' ? 'No such file' : strerror(errno)}`,
  cannotCd: (path, _errno, site) => `${dashPrefix(site)}cd: can't cd to ${path}`,
  cannotOpenScript: (script, errno, arg0) =>
    `${arg0}: 0: cannot open ${script}: ${errno === 'ENOENT' ? 'No such file' : strerror(errno)}`,
  redirectStatus: 2,
};

/** bash's: `$0: `, and the line unless it is interactive. */
const bashPrefix = (site: ErrorSite): string =>
  site.interactive ? `${site.arg0}: ` : `${site.arg0}: line ${site.line}: `;

export const bash: ShellDialect = {
  name: 'bash',
  prompt: '\\u@\\h:\\w\\$ ',
  echoEscapes: false,
  prefix: bashPrefix,
  notFound: (command, site) => `${bashPrefix(site)}${command}: command not found`,
  syntaxError(problem, site, text) {
    const where = site.interactive
      ? `${site.arg0}: `
      : `${site.arg0}: ${site.commandString ? '-c: ' : ''}line ${site.line}: `;
    if (problem.kind === 'unterminated-quote') return `${where}unexpected EOF while looking for matching \`"'`;
    if (problem.kind === 'end-of-file') return `${where}syntax error: unexpected end of file`;
    const source = text.split('\n')[site.line - 1] ?? '';
    return `${where}syntax error near unexpected token \`${problem.text}'\n${where}\`${source}'`;
  },
  cannotCreate: (path, errno, site) => `${bashPrefix(site)}${path}: ${strerror(errno)}`,
  cannotOpen: (path, errno, site) => `${bashPrefix(site)}${path}: ${strerror(errno)}`,
  cannotCd: (path, errno, site) => `${bashPrefix(site)}cd: ${path}: ${strerror(errno)}`,
  cannotOpenScript: (script, errno, arg0) => `${arg0}: ${script}: ${strerror(errno)}`,
  redirectStatus: 1,
};
