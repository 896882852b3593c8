// Finding the rule a netfilter hop matched in the node's rules as text: the line of `iptables-save` (in the hop's
// table; a policy hop's `:CHAIN POLICY` line), and the virtual server and real server lines of `ipvsadm -Ln`.

/** The index of the hop's rule among the lines of `iptables-save`, or -1. */
export function iptablesRuleLine(lines: readonly string[], table: string, rule: string): number {
  const start = lines.indexOf(`*${table}`);
  if (start < 0) return -1;
  const policy = /^-P (\S+) (\S+)$/.exec(rule);
  for (let i = start + 1; i < lines.length && lines[i] !== 'COMMIT'; i++) {
    const line = lines[i]!;
    if (policy ? line.startsWith(`:${policy[1]} ${policy[2]} `) : line === rule) return i;
  }
  return -1;
}

/** The indexes of the virtual server (`TCP 10.96.0.10:53`) and its chosen real server among `ipvsadm -Ln`'s lines. */
export function ipvsLines(lines: readonly string[], service: string, realServer: string): number[] {
  const [protocol, address] = service.split(' ');
  const at = lines.findIndex((line) => line.startsWith(`${protocol} `) && line.split(/\s+/)[1] === address);
  if (at < 0) return [];
  for (let i = at + 1; i < lines.length && lines[i]!.startsWith('  ->'); i++) {
    if (lines[i]!.split(/\s+/)[2] === realServer) return [at, i];
  }
  return [at];
}

export interface TextSegment {
  text: string;
  marked: boolean;
}

/** The lines joined into runs (a view puts a newline between runs), marked lines apart, so a view renders few nodes. */
export function markedSegments(lines: readonly string[], marked: readonly number[]): TextSegment[] {
  const segments: TextSegment[] = [];
  const set = new Set(marked);
  let run: string[] = [];
  let runMarked = false;
  lines.forEach((line, i) => {
    if (set.has(i) !== runMarked && run.length) {
      segments.push({ text: run.join('\n'), marked: runMarked });
      run = [];
    }
    runMarked = set.has(i);
    run.push(line);
  });
  if (run.length) segments.push({ text: run.join('\n'), marked: runMarked });
  return segments;
}
