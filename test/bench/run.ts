// `npm run bench -- <name> [args…]`: runs test/bench/<name>.ts and prints its result as one JSON object on the last
// line of stdout (progress goes to stderr). With no name, lists the benchmarks.

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchModule {
  /** Runs the benchmark and returns its figures; keys are the JSON fields of the result line. */
  run(args: string[]): Promise<Record<string, unknown>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3));

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [args…]`);
  process.exit(name ? 2 : 0);
}
const bench = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as BenchModule;
const result = await bench.run(args);
console.log(JSON.stringify({ bench: name, ...result }));
process.exit(0);
