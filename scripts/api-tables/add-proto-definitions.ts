// Completes the v1.31 swagger definitions with what the v1.32 .proto files add: fields a definition lacks, and whole
// messages the swagger document has no definition for (AdmissionReview, the aggregated discovery types, meta.v1
// options…). Types Go embeds inline (VolumeSource, ProbeHandler…) get no definition: their fields live in the parent.

import type { DefinitionSchema, FieldSchema } from '../../engine/api/schema-table.ts';
import type { ProtoTable } from '../../engine/apiserver/protobuf/proto-table.ts';
import type { ParsedMessage } from './load-protos.ts';
import { definitionNameOfMessage } from './names.ts';
import { fieldSchemaFromProto } from './proto-field-schema.ts';
import { PROTOBUF_HELPER_MESSAGES } from './protobuf-helpers.ts';

/** The swagger definitions plus the proto-only fields and messages, sorted by name. */
export function addProtoDefinitions(
  swagger: Record<string, DefinitionSchema>,
  parsed: ParsedMessage[],
  table: ProtoTable,
): Record<string, DefinitionSchema> {
  const comments = new Map(parsed.map((message) => [message.fullName, message]));
  const commentOf = (message: string, tag: number): string =>
    comments.get(message)?.fields.find((field) => field.tag === tag)?.comment ?? '';
  const inlineTypes = new Set(
    Object.values(table.messages).flatMap((message) => message.fields.filter((f) => f.inline).map((f) => f.type)),
  );

  /** The JSON properties a message has in the proto files, inline fields expanded. */
  const protoProperties = (name: string): Record<string, FieldSchema> => {
    const properties: Record<string, FieldSchema> = {};
    for (const field of table.messages[name]?.fields ?? []) {
      if (field.inline) Object.assign(properties, protoProperties(field.type));
      else properties[field.json ?? field.name] = fieldSchemaFromProto(field, commentOf(name, field.tag), table);
    }
    return properties;
  };

  const definitions: Record<string, DefinitionSchema> = { ...swagger };
  for (const [name, message] of Object.entries(table.messages)) {
    if (message.encoding || PROTOBUF_HELPER_MESSAGES.has(name)) continue;
    const definitionName = definitionNameOfMessage(name);
    const existing = definitions[definitionName];
    const known = existing?.properties;
    if (existing && known) {
      const added = Object.entries(protoProperties(name)).filter(([property]) => !(property in known));
      if (added.length > 0) {
        definitions[definitionName] = {
          ...existing,
          properties: sortedRecord({ ...known, ...Object.fromEntries(added) }),
        };
      }
    } else if (!existing && !inlineTypes.has(name)) {
      definitions[definitionName] = { type: 'object', properties: sortedRecord(protoProperties(name)) };
    }
  }
  const sorted = sortedRecord(definitions);
  checkReferences(sorted);
  return sorted;
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every $ref must name a definition of the table. */
function checkReferences(definitions: Record<string, DefinitionSchema>): void {
  const check = (where: string, field: FieldSchema | undefined): void => {
    if (!field) return;
    if (field.ref && !definitions[field.ref]) throw new Error(`${where} refers to missing definition ${field.ref}`);
    check(where, field.items);
    check(where, field.additionalProperties);
  };
  for (const [name, definition] of Object.entries(definitions)) {
    for (const [property, field] of Object.entries(definition.properties ?? {})) check(`${name}.${property}`, field);
    check(name, definition.additionalProperties);
  }
}
