// Reads the upstream generated.proto files with protobufjs and returns every message as plain data: its
// fully-qualified name, its comment (for the +protobuf markers) and its fields in declaration order.

import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import protobuf from 'protobufjs';

export interface ParsedField {
  name: string;
  tag: number;
  /** A scalar type name or a fully-qualified message name without a leading dot; for maps, the value type. */
  type: string;
  repeated: boolean;
  /** The key type of a map field. */
  mapKey?: string;
  /** The field's comment, for markers like +listType=atomic. */
  comment: string;
}

export interface ParsedMessage {
  fullName: string;
  comment: string;
  fields: ParsedField[];
}

/** All .proto files under `protoRoot`, as paths relative to it, sorted. */
export function listProtoFiles(protoRoot: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.proto')) found.push(relative(protoRoot, path));
    }
  };
  walk(protoRoot);
  return found.sort();
}

/** Every message of every .proto file under `protoRoot`, sorted by full name. */
export function loadProtoMessages(protoRoot: string): ParsedMessage[] {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(protoRoot, target);
  root.loadSync(listProtoFiles(protoRoot), { keepCase: true, alternateCommentMode: true });
  root.resolveAll();
  const messages: ParsedMessage[] = [];
  const walk = (namespace: protobuf.NamespaceBase): void => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) messages.push(parseMessage(nested));
      if (nested instanceof protobuf.Namespace) walk(nested);
    }
  };
  walk(root);
  return messages.sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
}

function parseMessage(type: protobuf.Type): ParsedMessage {
  return {
    fullName: type.fullName.replace(/^\./, ''),
    comment: type.comment ?? '',
    fields: type.fieldsArray.map((field) => {
      const parsed: ParsedField = {
        name: field.name,
        tag: field.id,
        type: field.resolvedType ? field.resolvedType.fullName.replace(/^\./, '') : field.type,
        repeated: field.repeated,
        comment: field.comment ?? '',
      };
      if (field instanceof protobuf.MapField) parsed.mapKey = field.keyType;
      return parsed;
    }),
  };
}
