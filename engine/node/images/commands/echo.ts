// echo: busybox's and bash's (-n, -e, -E) and dash's (always interprets escapes, knows only -n).

import type { Command } from '../process/command.ts';
import { unescape } from './escapes.ts';

function echo(alwaysEscapes: boolean): Command {
  return async (context) => {
    const args = context.argv.slice(1);
    let newline = true;
    let escapes = alwaysEscapes;
    while (args[0] !== undefined && (alwaysEscapes ? args[0] === '-n' : /^-[neE]+$/.test(args[0]))) {
      const flags = args.shift()!;
      if (flags.includes('n')) newline = false;
      if (!alwaysEscapes) for (const flag of flags.slice(1)) if (flag !== 'n') escapes = flag === 'e';
    }
    let text = args.join(' ');
    if (escapes) {
      const result = unescape(text, true);
      text = result.text;
      if (result.stop) newline = false;
    }
    await context.stdout.write(newline ? text + '\n' : text);
    return 0;
  };
}

export const echoCommand = echo(false);
export const dashEcho = echo(true);
