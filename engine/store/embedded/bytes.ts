// Binary encoding primitives for the WAL and snapshots: a growable little-endian writer and a bounds-checked reader
// with unsigned varints (up to 2^53), float64s, raw byte strings and UTF-8 strings, each length-prefixed.

const INITIAL_SIZE = 64 * 1024;

export class ByteWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize: number = INITIAL_SIZE) {
    this.buf = Buffer.allocUnsafe(Math.max(initialSize, 16));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }

  u8(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }

  u32(value: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(value, this.pos);
    this.pos += 4;
  }

  /** Overwrites 4 bytes at an earlier position (for headers whose content is known only later). */
  u32At(offset: number, value: number): void {
    this.buf.writeUInt32LE(value, offset);
  }

  f64(value: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint out of range: ${value}`);
    this.ensure(8);
    while (value >= 0x80) {
      this.buf[this.pos++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buf[this.pos++] = value;
  }

  bytes(value: Uint8Array): void {
    this.varint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  string(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    this.varint(length);
    this.ensure(length);
    this.pos += this.buf.write(value, this.pos, length, 'utf8');
  }

  /** A view of the bytes between two positions (valid until the next write grows the buffer). */
  view(start: number = 0, end: number = this.pos): Buffer {
    return this.buf.subarray(start, end);
  }

  /** Hands over the bytes written and starts afresh with a new buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(Math.max(INITIAL_SIZE, this.pos >>> 1));
    this.pos = 0;
    return out;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}

export class ByteReader {
  private readonly buf: Buffer;
  private pos = 0;

  constructor(data: Uint8Array) {
    this.buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  f64(): number {
    this.need(8);
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 49) throw new RangeError('varint too long');
    }
    return value;
  }

  /** A copy of a length-prefixed byte string, so the source buffer is not kept alive. */
  bytes(): Uint8Array {
    const length = this.varint();
    this.need(length);
    const out = new Uint8Array(length);
    out.set(this.buf.subarray(this.pos, this.pos + length));
    this.pos += length;
    return out;
  }

  string(): string {
    const length = this.varint();
    this.need(length);
    const out = this.buf.toString('utf8', this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new RangeError('unexpected end of record');
  }
}
