// Decodes a Kubernetes protobuf request body (Content-Type application/vnd.kubernetes.protobuf) to the JSON object
// kubectl would have sent had it used JSON. Errors are 400 Bad Request StatusErrors with upstream's messages where
// upstream has one.

import { parseApiVersion } from '../../api/object.ts';
import { definitionForGVK } from '../../api/schemas.ts';
import { StatusError } from '../errors/status-error.ts';
import { hasKubernetesProtobufPrefix, KUBERNETES_PROTOBUF_PREFIX, readEnvelope } from './envelope.ts';
import { messageToJson } from './message-to-json.ts';
import { protoTables } from './proto-tables.ts';
import { WireFormatError } from './wire-reader.ts';

export interface DecodedProtobuf {
  apiVersion: string;
  kind: string;
  /** The object, starting with kind and apiVersion as Go writes them. */
  object: Record<string, unknown>;
}

export function decodeKubernetesProtobuf(body: Uint8Array): DecodedProtobuf {
  if (body.length === 0) throw badRequest('empty data');
  if (!hasKubernetesProtobufPrefix(body)) {
    const prefix = `[${KUBERNETES_PROTOBUF_PREFIX.join(' ')}]`;
    throw badRequest(`provided data does not appear to be a protobuf message, expected prefix ${prefix}`);
  }
  if (body.length === KUBERNETES_PROTOBUF_PREFIX.length) throw badRequest('empty body');
  const { apiVersion, kind, raw } = unwrap(() => readEnvelope(body));
  const typeMeta = `runtime.TypeMeta{APIVersion:${JSON.stringify(apiVersion)}, Kind:${JSON.stringify(kind)}}`;
  if (!kind) throw badRequest(`Object 'Kind' is missing in '${typeMeta}'`);
  if (!apiVersion) throw badRequest(`Object 'apiVersion' is missing in '${typeMeta}'`);
  const { group, version } = parseApiVersion(apiVersion);
  const definition = definitionForGVK(group, version, kind);
  const tables = protoTables();
  const message = definition === undefined ? undefined : tables.messageOfDefinition.get(definition);
  if (!message) {
    throw badRequest(
      `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme ` +
        '"pkg/api/legacyscheme/scheme.go:30"',
    );
  }
  const fields = unwrap(() => messageToJson(tables, message, raw));
  return { apiVersion, kind, object: { kind, apiVersion, ...(fields as Record<string, unknown>) } };
}

/** Runs a decoding step, turning wire-format errors into 400s. */
function unwrap<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof WireFormatError) throw badRequest(`unable to decode protobuf: ${error.message}`);
    throw error;
  }
}

function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}
