// Container and sandbox IDs as containerd makes them: 64 hex digits. Derived from the node and a counter, so a lab
// replayed from the same start gets the same IDs.

import { createHash } from 'node:crypto';

export class IdGenerator {
  private counter = 0;

  constructor(private readonly seed: string) {}

  next(): string {
    return createHash('sha256').update(`${this.seed}/${this.counter++}`).digest('hex');
  }
}
