// FNV-1a, 32 bits (Go's hash/fnv New32a): the hash Kubernetes uses for pod-template-hash and controller revisions.

const OFFSET_BASIS = 0x811c9dc5;
const PRIME = 0x01000193;

export class Fnv32a {
  private hash = OFFSET_BASIS;

  write(bytes: Uint8Array): void {
    let h = this.hash;
    for (const b of bytes) h = Math.imul(h ^ b, PRIME) >>> 0;
    this.hash = h;
  }

  sum32(): number {
    return this.hash >>> 0;
  }
}
