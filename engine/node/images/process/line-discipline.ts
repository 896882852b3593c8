// The input side of a terminal, as the kernel's line discipline in canonical mode handles it: typed bytes gather into
// a line until Enter; Backspace and Ctrl-U edit it; Ctrl-C interrupts the foreground process; Ctrl-D ends input
// (on an empty line) or hands over the line typed so far. Escape sequences (arrow keys) are dropped. Echoing what is
// typed is the terminal's job on the other side.

export interface Terminal {
  /** Lines as typed (each ending in "\n"), a partial line on Ctrl-D, null for an end of input. */
  read(): Promise<string | null>;
  /** Called on Ctrl-C; the foreground program sets it. */
  onInterrupt: (() => void) | undefined;
}

const ctrlC = '\x03';
const ctrlD = '\x04';
const ctrlU = '\x15';
const escape = '\x1b';

/** A terminal reading raw keystrokes from `source` (null when the connection ends). */
export function lineDiscipline(source: () => Promise<string | null>): Terminal {
  const ready: (string | null)[] = [];
  let line = '';
  let inEscape = false;
  let closed = false;
  let reading: Promise<void> | undefined;

  const terminal: Terminal = {
    onInterrupt: undefined,
    async read() {
      while (ready.length === 0) {
        if (closed) return null;
        reading ??= pump().finally(() => (reading = undefined));
        await reading;
      }
      return ready.shift() ?? null;
    },
  };

  async function pump(): Promise<void> {
    const chunk = await source();
    if (chunk === null) {
      closed = true;
      if (line !== '') ready.push(line);
      line = '';
      return;
    }
    for (const char of chunk) accept(char);
  }

  function accept(char: string): void {
    if (inEscape) {
      if (/[A-Za-z~]/.test(char)) inEscape = false;
      return;
    }
    switch (char) {
      case '\r':
      case '\n':
        ready.push(line + '\n');
        line = '';
        return;
      case '\x7f':
      case '\b':
        line = [...line].slice(0, -1).join('');
        return;
      case ctrlU:
        line = '';
        return;
      case ctrlC:
        line = '';
        terminal.onInterrupt?.();
        return;
      case ctrlD:
        ready.push(line === '' ? null : line);
        line = '';
        return;
      case escape:
        inEscape = true;
        return;
      default:
        if (char >= ' ' || char === '\t') line += char;
    }
  }

  return terminal;
}
