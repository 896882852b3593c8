// A terminal as the kernel's line discipline runs it in canonical mode with echo: typed bytes gather into a line until
// Enter and are echoed back (kubectl puts the user's terminal in raw mode, so the echo comes from the container's
// side); Backspace and Ctrl-U edit the line (erasing it on the screen); Ctrl-C echoes ^C and interrupts the foreground
// process; Ctrl-D ends input (on an empty line) or hands over the line typed so far. Escape sequences (arrow keys) are
// dropped. On output, every newline becomes CR LF (ONLCR).

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

/** What a program writes to a terminal, as the user sees it: newlines as CR LF. */
export function terminalOutput(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

/** A terminal reading raw keystrokes from `source` (null when the connection ends) and echoing them to `echo`. */
export function lineDiscipline(source: () => Promise<string | null>, echo: (text: string) => void): Terminal {
  const ready: (string | null)[] = [];
  let line = '';
  let inEscape = false;
  let closed = false;
  let wakeReader: (() => void) | undefined;

  const terminal: Terminal = {
    onInterrupt: undefined,
    async read() {
      while (ready.length === 0) {
        if (closed) return null;
        await new Promise<void>((resolve) => (wakeReader = resolve));
      }
      return ready.shift() ?? null;
    },
  };

  /** Input is handled as it arrives, read or not: typed-ahead text echoes and Ctrl-C interrupts a running command. */
  async function pump(): Promise<void> {
    for (let chunk = await source(); chunk !== null; chunk = await source()) {
      for (const char of chunk) accept(char);
      wakeReader?.();
    }
    closed = true;
    if (line !== '') ready.push(line);
    line = '';
    wakeReader?.();
  }
  void pump();

  function accept(char: string): void {
    if (inEscape) {
      if (/[A-Za-z~]/.test(char)) inEscape = false;
      return;
    }
    switch (char) {
      case '\r':
      case '\n':
        echo('\r\n');
        ready.push(line + '\n');
        line = '';
        return;
      case '\x7f':
      case '\b':
        if (line !== '') echo('\b \b');
        line = [...line].slice(0, -1).join('');
        return;
      case ctrlU:
        echo('\b \b'.repeat([...line].length));
        line = '';
        return;
      case ctrlC:
        echo('^C');
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
        if (char >= ' ' || char === '\t') {
          echo(char);
          line += char;
        }
    }
  }

  return terminal;
}
