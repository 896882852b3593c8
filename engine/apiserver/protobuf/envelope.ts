// The envelope of a Kubernetes protobuf body: the magic bytes "k8s\0", then a runtime.Unknown message holding the
// type (apiVersion, kind) and, as raw bytes, the typed message itself.

import { scalarToJson } from './scalar-values.ts';
import { readWireFields, WIRE_LENGTH_DELIMITED, type WireValue } from './wire-reader.ts';

/** "k8s" followed by a zero byte. */
export const KUBERNETES_PROTOBUF_PREFIX: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

export interface ProtobufEnvelope {
  apiVersion: string;
  kind: string;
  /** The typed message, e.g. the bytes of a k8s.io.api.apps.v1.Deployment. */
  raw: Uint8Array;
}

/** Whether the body starts with the Kubernetes protobuf magic bytes. */
export function hasKubernetesProtobufPrefix(body: Uint8Array): boolean {
  return KUBERNETES_PROTOBUF_PREFIX.every((byte, index) => body[index] === byte);
}

/** Reads runtime.Unknown {1: typeMeta {1: apiVersion, 2: kind}, 2: raw} after the prefix; throws WireFormatError. */
export function readEnvelope(body: Uint8Array): ProtobufEnvelope {
  const unknown = readWireFields(body.subarray(KUBERNETES_PROTOBUF_PREFIX.length));
  const typeMeta = readWireFields(lastBytes(unknown.get(1)));
  return {
    apiVersion: lastString(typeMeta.get(1)),
    kind: lastString(typeMeta.get(2)),
    raw: lastBytes(unknown.get(2)),
  };
}

function lastBytes(values: WireValue[] | undefined): Uint8Array {
  const value = values?.at(-1);
  return value?.wireType === WIRE_LENGTH_DELIMITED ? value.bytes : new Uint8Array(0);
}

function lastString(values: WireValue[] | undefined): string {
  const value = values?.at(-1);
  return value ? String(scalarToJson('string', value)) : '';
}
