// The standard streams of a shell command as redirections leave them, and whether stdout is still the terminal.

import type { OutputStream, TextInput } from '../process/streams.ts';

export interface ShellIo {
  stdin: TextInput;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Whether stdout is the terminal (so that ls prints columns). */
  tty: boolean;
}
