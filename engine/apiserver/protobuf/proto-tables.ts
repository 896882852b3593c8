// The generated protobuf tables at run time: engine/api/generated/proto.json (message descriptors) and
// json-field-traits.json (Go pointer/omitempty facts), read on first use, with a lookup from definition name to
// protobuf message.

import { readFileSync } from 'node:fs';
import type { JsonFieldTraits, ProtoMessage, ProtoTable } from './proto-table.ts';

const GENERATED = new URL('../../api/generated/', import.meta.url);

export interface ProtoTables {
  messages: Record<string, ProtoMessage>;
  traits: JsonFieldTraits;
  /** Definition name ("io.k8s.api.apps.v1.Deployment") → message name ("k8s.io.api.apps.v1.Deployment"). */
  messageOfDefinition: Map<string, string>;
}

let loaded: ProtoTables | undefined;

export function protoTables(): ProtoTables {
  if (loaded) return loaded;
  const table = JSON.parse(readFileSync(new URL('proto.json', GENERATED), 'utf8')) as ProtoTable;
  const traits = JSON.parse(readFileSync(new URL('json-field-traits.json', GENERATED), 'utf8')) as JsonFieldTraits;
  const messageOfDefinition = new Map<string, string>();
  for (const [name, message] of Object.entries(table.messages)) {
    if (message.definition) messageOfDefinition.set(message.definition, name);
  }
  loaded = { messages: table.messages, traits, messageOfDefinition };
  return loaded;
}
