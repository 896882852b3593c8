// Writing the protobuf wire format: varint-tagged fields, length-delimited strings and nested messages. Enough to
// produce the documents clients ask for in protobuf (the OpenAPI v2 document).

const encoder = new TextEncoder();

export class WireWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  private varint(value: number): void {
    const out: number[] = [];
    let v = value;
    while (v > 0x7f) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    this.push(Uint8Array.from(out));
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** A length-delimited field holding raw bytes (a string or an embedded message). */
  bytes(field: number, bytes: Uint8Array): this {
    this.tag(field, 2);
    this.varint(bytes.length);
    this.push(bytes);
    return this;
  }

  /** A string field; proto3 leaves out empty strings. */
  string(field: number, value: string | undefined): this {
    if (value) this.bytes(field, encoder.encode(value));
    return this;
  }

  /** An embedded message field, written even when empty (its presence matters). */
  message(field: number, build: (w: WireWriter) => void): this {
    const inner = new WireWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  bool(field: number, value: boolean | undefined): this {
    if (value) {
      this.tag(field, 0);
      this.varint(1);
    }
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}
