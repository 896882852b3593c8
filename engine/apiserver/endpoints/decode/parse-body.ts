// Request bodies into JSON values: JSON, YAML (YAML 1.1 scalars, as sigs.k8s.io/yaml reads them) and Kubernetes
// protobuf. Malformed bodies are 400s with the decoder's message; nothing reaches the registry.

import { parseAllDocuments } from 'yaml';
import { badRequest, unsupportedMediaType } from '../../errors/status-error.ts';
import { decodeKubernetesProtobuf } from '../../protobuf/decode-kubernetes-protobuf.ts';
import { bodyFormat } from '../negotiation.ts';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Parses a JSON body; errors read like Go's encoding/json errors. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest(`couldn't get version/kind; json parse error: ${detail}`);
  }
}

/** Parses a single-document YAML body into JSON values. */
export function parseYaml(text: string): unknown {
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const doc = list.find((d) => d.contents !== null) ?? list[0];
  if (!doc) return null;
  const error = doc.errors[0];
  if (error) throw badRequest(`error converting YAML to JSON: yaml: ${error.message}`);
  return doc.toJS({ maxAliasCount: 100 });
}

/** Parses a body in the format its Content-Type names. */
export function parseBody(body: Uint8Array | undefined, contentType: string | undefined): unknown {
  const format = bodyFormat(contentType);
  if (!format) throw unsupportedMediaType(contentType ?? '');
  if (!body || body.length === 0) throw badRequest('the body of the request was empty');
  if (format === 'protobuf') {
    try {
      const { apiVersion, kind, object } = decodeKubernetesProtobuf(body);
      return { apiVersion, kind, ...object };
    } catch (error) {
      throw badRequest(error instanceof Error ? error.message : String(error));
    }
  }
  const text = decoder.decode(body);
  return format === 'yaml' ? parseYaml(text) : parseJson(text);
}
