// Builds proto.json from the parsed .proto messages: per message its fields with tags and types, the JSON name of
// each field (matched against the swagger properties), which fields Go embeds inline, which types Go marshals by
// hand (Time, IntOrString, Quantity, RawExtension…), and the schema-table definition each message corresponds to.

import type { DefinitionSchema } from '../../engine/api/schema-table.ts';
import type {
  ProtoEncoding,
  ProtoField,
  ProtoMessage,
  ProtoTable,
} from '../../engine/apiserver/protobuf/proto-table.ts';
import type { ParsedMessage } from './load-protos.ts';
import { definitionNameOfMessage, fieldNameKey } from './names.ts';

/** Types with a hand-written JSON form in apimachinery / apiextensions. */
const CUSTOM_ENCODINGS: Record<string, ProtoEncoding> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': 'time',
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': 'micro-time',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'k8s.io.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'k8s.io.apimachinery.pkg.runtime.RawExtension': 'raw-json',
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': 'raw-json',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON': 'raw-json',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': 'schema-or-array',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': 'schema-or-bool',
  'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': 'schema-or-string-array',
};

/** The encoding of a message: a known hand-marshalled type, or a `+protobuf.nullable` wrapper of a string list. */
export function encodingOf(message: ParsedMessage): ProtoEncoding | undefined {
  const custom = CUSTOM_ENCODINGS[message.fullName];
  if (custom) return custom;
  const [only, ...rest] = message.fields;
  const wrapsStrings = only?.name === 'items' && only.type === 'string' && only.repeated && rest.length === 0;
  return wrapsStrings && message.comment.includes('+protobuf.nullable=true') ? 'string-list' : undefined;
}

export function buildProtoTable(parsed: ParsedMessage[], definitions: Record<string, DefinitionSchema>): ProtoTable {
  const byName = new Map(parsed.map((message) => [message.fullName, message]));
  const jsonFieldCache = new Map<string, Set<string>>();

  /** The JSON property names a message contributes when it is embedded inline. */
  const jsonFieldsOf = (name: string): Set<string> => {
    const cached = jsonFieldCache.get(name);
    if (cached) return cached;
    const properties = definitions[definitionNameOfMessage(name)]?.properties;
    const message = byName.get(name);
    const fields = properties
      ? new Set(Object.keys(properties))
      : new Set((message?.fields ?? []).map((field) => field.name));
    jsonFieldCache.set(name, fields);
    return fields;
  };

  const messages: Record<string, ProtoMessage> = {};
  for (const message of parsed) {
    const definitionName = definitionNameOfMessage(message.fullName);
    const encoding = encodingOf(message);
    const properties = encoding ? undefined : definitions[definitionName]?.properties;
    const propertyByKey = new Map<string, string>();
    for (const property of Object.keys(properties ?? {})) {
      const key = fieldNameKey(property);
      if (propertyByKey.has(key)) throw new Error(`${definitionName}: properties clash on ${key}`);
      propertyByKey.set(key, property);
    }
    const fields = message.fields.map((field): ProtoField => {
      const described: ProtoField = { tag: field.tag, name: field.name, type: field.type };
      const property = propertyByKey.get(fieldNameKey(field.name));
      if (property && property !== field.name) described.json = property;
      if (field.repeated) described.repeated = true;
      if (field.mapKey) described.map = { key: field.mapKey, value: field.type };
      if (properties && !property && isEmbeddable(field, byName)) {
        const embedded = jsonFieldsOf(field.type);
        if (embedded.size > 0 && [...embedded].every((name) => name in properties)) described.inline = true;
      }
      return described;
    });
    messages[message.fullName] = { ...(encoding ? { encoding } : {}), fields };
  }
  return { messages };
}

/** Links each message to its definition in the finished schema table (swagger plus proto-only additions). */
export function linkDefinitions(table: ProtoTable, definitions: Record<string, DefinitionSchema>): ProtoTable {
  const messages: Record<string, ProtoMessage> = {};
  for (const [name, message] of Object.entries(table.messages)) {
    const definition = definitionNameOfMessage(name);
    messages[name] = definitions[definition] ? { definition, ...message } : message;
  }
  return { messages };
}

function isEmbeddable(field: ParsedMessage['fields'][number], byName: Map<string, ParsedMessage>): boolean {
  return !field.repeated && !field.mapKey && byName.has(field.type);
}
