// seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST: prints a sequence of numbers.

import type { Command } from '../process/command.ts';

export const seqCommand: Command = async (context) => {
  const args = context.argv.slice(1);
  let separator = '\n';
  let equalWidth = false;
  while (args[0] === '-s' || args[0] === '-w') {
    if (args.shift() === '-s') separator = args.shift() ?? '\n';
    else equalWidth = true;
  }
  const numbers = args.map(Number);
  if (numbers.length === 0 || numbers.length > 3 || numbers.some(Number.isNaN)) {
    const bad = args.find((arg) => Number.isNaN(Number(arg)));
    await context.stderr.write(bad === undefined ? 'seq: missing operand\n' : `seq: invalid number '${bad}'\n`);
    return 1;
  }
  const [first, step, last] =
    numbers.length === 1
      ? [1, 1, numbers[0]!]
      : numbers.length === 2
        ? [numbers[0]!, 1, numbers[1]!]
        : (numbers as [number, number, number]);
  if (step === 0) return 1;
  const decimals = Math.max(...args.map((arg) => (arg.includes('.') ? arg.length - arg.indexOf('.') - 1 : 0)));
  const values: string[] = [];
  for (let value = first; step > 0 ? value <= last + 1e-9 : value >= last - 1e-9; value += step) {
    values.push(value.toFixed(decimals));
    if (values.length >= 1000) {
      if (!(await context.stdout.write(values.join(separator) + separator))) return 141;
      values.length = 0;
    }
  }
  const width = equalWidth ? Math.max(first.toFixed(decimals).length, last.toFixed(decimals).length) : 0;
  const text = values.map((value) => value.padStart(width, '0')).join(separator);
  if (text !== '') await context.stdout.write(text + '\n');
  return 0;
};
