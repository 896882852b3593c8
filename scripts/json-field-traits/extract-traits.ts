// Matches protobuf messages with their Go structs and records, per JSON field, whether Go declares it as a pointer
// and with omitempty. Also checks the generated proto table against Go: JSON names and inline (embedded) fields.

import type { JsonFieldTrait, JsonFieldTraits, ProtoTable } from '../../engine/apiserver/protobuf/proto-table.ts';
import { PROTOBUF_HELPER_MESSAGES } from '../api-tables/protobuf-helpers.ts';
import type { GoStructs } from './go-structs.ts';

export interface TraitsResult {
  traits: JsonFieldTraits;
  /** Disagreements between the proto table and the Go types; empty when the two agree. */
  problems: string[];
}

/** `structsByPackage` maps a protobuf package (k8s.io.api.apps.v1) to the structs of its Go package. */
export function extractJsonFieldTraits(table: ProtoTable, structsByPackage: Map<string, GoStructs>): TraitsResult {
  const traits: JsonFieldTraits = {};
  const problems: string[] = [];
  for (const name of Object.keys(table.messages).sort()) {
    const message = table.messages[name];
    if (!message || message.encoding || PROTOBUF_HELPER_MESSAGES.has(name)) continue;
    const dot = name.lastIndexOf('.');
    const struct = structsByPackage.get(name.slice(0, dot))?.get(name.slice(dot + 1));
    if (!struct) {
      problems.push(`${name}: no Go struct`);
      continue;
    }
    const byProtoName = new Map(struct.filter((f) => f.protobufName).map((f) => [f.protobufName, f]));
    const fields: Record<string, JsonFieldTrait> = {};
    for (const goField of struct) {
      const protoField = message.fields.find((f) => f.name === goField.protobufName);
      if (!protoField || goField.json === undefined) continue;
      fields[goField.json] = `${goField.pointer ? 'p' : ''}${goField.omitEmpty ? 'o' : ''}` as JsonFieldTrait;
    }
    for (const protoField of message.fields) {
      const goField = byProtoName.get(protoField.name);
      const where = `${name}.${protoField.name}`;
      if (!goField) problems.push(`${where}: no Go field`);
      else if (protoField.inline && goField.json !== undefined)
        problems.push(`${where}: inline in proto.json, not in Go`);
      else if (!protoField.inline && goField.json === undefined)
        problems.push(`${where}: inline in Go, not in proto.json`);
      else if (!protoField.inline && goField.json !== (protoField.json ?? protoField.name)) {
        problems.push(`${where}: JSON name ${protoField.json ?? protoField.name} in proto.json, ${goField.json} in Go`);
      }
    }
    traits[name] = fields;
  }
  return { traits, problems };
}
