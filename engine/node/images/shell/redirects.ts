// Applies a command's redirections, in order, to its streams: files for <, >, >>, duplicated descriptors for 2>&1,
// here-documents for <<, and the /dev files.

import type { ContainerFilesystem } from '../program.ts';
import type { Errno } from '../process/errno.ts';
import { cannotWrite, fileOutput, readFile } from '../process/files.ts';
import { resolvePath } from '../process/paths.ts';
import { emptyInput, nullOutput, textInput } from '../process/streams.ts';
import type { Redirect } from './ast.ts';
import type { Expander } from './expand.ts';
import type { ShellIo } from './shell-io.ts';

export type RedirectFailure = { failed: 'open' | 'create'; path: string; errno: Errno };

export async function applyRedirects(
  redirects: Redirect[],
  io: ShellIo,
  expander: Expander,
  fs: ContainerFilesystem,
  cwd: string,
): Promise<ShellIo | RedirectFailure> {
  let result = { ...io };
  for (const redirect of redirects) {
    const target = redirect.op === '<<' ? '' : await expander.text(redirect.target);
    if (redirect.op === '<<') {
      result = withFd(result, redirect.fd, { input: textInput(await expander.text(redirect.body ?? [])) });
    } else if (redirect.op === '>&' || redirect.op === '<&') {
      result = withFd(result, redirect.fd, duplicate(result, target));
    } else if (redirect.op === '<' || redirect.op === '<>') {
      const path = resolvePath(cwd, target);
      const content = readFile(fs, path);
      if (typeof content !== 'string') return { failed: 'open', path: target, errno: content.errno };
      result = withFd(result, redirect.fd, { input: textInput(content) });
    } else {
      const path = resolvePath(cwd, target);
      if (path === '/dev/stdout' || path === '/dev/stderr') {
        result = withFd(result, redirect.fd, duplicate(result, path === '/dev/stdout' ? '1' : '2'));
        continue;
      }
      const errno = path === '/dev/null' ? undefined : cannotWrite(fs, path);
      if (errno) return { failed: 'create', path: target, errno };
      result = withFd(result, redirect.fd, { output: fileOutput(fs, path, redirect.op === '>>'), tty: false });
    }
  }
  return result;
}

type FdTarget = { input: ShellIo['stdin'] } | { output: ShellIo['stdout']; tty: boolean };

function duplicate(io: ShellIo, target: string): FdTarget {
  if (target === '0') return { input: io.stdin };
  if (target === '1') return { output: io.stdout, tty: io.tty };
  if (target === '2') return { output: io.stderr, tty: false };
  return { output: nullOutput, tty: false };
}

function withFd(io: ShellIo, fd: number, target: FdTarget): ShellIo {
  if (fd === 0) return { ...io, stdin: 'input' in target ? target.input : emptyInput() };
  if ('input' in target) return io;
  if (fd === 1) return { ...io, stdout: target.output, tty: target.tty };
  if (fd === 2) return { ...io, stderr: target.output };
  return io;
}
