// Non-local exits of the interpreter, thrown and caught where the shell's grammar says they end: exit (the shell or
// subshell), return (the function), break and continue (the enclosing loops), and an interrupt of the foreground job.

export class ExitRequest {
  constructor(readonly status: number) {}
}

export class ReturnRequest {
  constructor(readonly status: number) {}
}

export class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** The foreground job was interrupted (Ctrl-C, SIGTERM): its status is 128 + the signal's number. */
export class Interrupted {
  constructor(readonly status: number) {}
}
