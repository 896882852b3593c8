// Go's text/tabwriter as crictl uses it (minwidth 20, padding 3, spaces): every cell but a row's last padded to its
// column's widest cell plus the padding, and at least to the minimum width.

export function tabWrite(rows: readonly (readonly string[])[], minWidth = 20, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? minWidth, cell.length + padding)));
  }
  return rows
    .map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('') + '\n')
    .join('');
}
