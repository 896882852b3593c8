// Generates engine/api/generated/{schemas.json, proto.json, README.md} from the upstream Kubernetes API specs: the
// v1.31.1 swagger document and the v1.32 .proto files in ../shared/reference/kubernetes-api (or the directory given
// as the first argument). Run with `npm run generate`.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SchemaTable } from '../engine/api/schema-table.ts';
import type { ProtoTable } from '../engine/apiserver/protobuf/proto-table.ts';
import { addProtoDefinitions } from './api-tables/add-proto-definitions.ts';
import { buildProtoTable, linkDefinitions } from './api-tables/build-proto-table.ts';
import { loadProtoMessages } from './api-tables/load-protos.ts';
import { GENERATED_README } from './api-tables/readme.ts';
import { definitionsFromSwagger, type SwaggerDocument } from './api-tables/swagger-definitions.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_REFERENCE_DIR = resolve(REPO_ROOT, '../shared/reference/kubernetes-api');
export const GENERATED_DIR = join(REPO_ROOT, 'engine/api/generated');

export interface ApiTables {
  schemas: SchemaTable;
  proto: ProtoTable;
}

export function generateApiTables(referenceDir: string): ApiTables {
  const swaggerPath = join(referenceDir, 'openapi-v2/swagger-v1.31.1.json');
  const swagger = definitionsFromSwagger(JSON.parse(readFileSync(swaggerPath, 'utf8')) as SwaggerDocument);
  const messages = loadProtoMessages(join(referenceDir, 'proto'));
  const unlinked = buildProtoTable(messages, swagger);
  const definitions = addProtoDefinitions(swagger, messages, unlinked);
  return { schemas: { definitions }, proto: linkDefinitions(unlinked, definitions) };
}

/** The generated files, by name, with their exact contents (compact JSON, one trailing newline). */
export function apiTableFiles(tables: ApiTables): Record<string, string> {
  return {
    'schemas.json': `${JSON.stringify(tables.schemas)}\n`,
    'proto.json': `${JSON.stringify(tables.proto)}\n`,
    'README.md': GENERATED_README,
  };
}

export function writeApiTables(outDir: string, tables: ApiTables): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, contents] of Object.entries(apiTableFiles(tables))) writeFileSync(join(outDir, name), contents);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const referenceDir = resolve(process.argv[2] ?? DEFAULT_REFERENCE_DIR);
  const tables = generateApiTables(referenceDir);
  writeApiTables(GENERATED_DIR, tables);
  const definitions = Object.keys(tables.schemas.definitions).length;
  const messages = Object.keys(tables.proto.messages).length;
  console.log(`wrote ${GENERATED_DIR}: ${definitions} definitions, ${messages} protobuf messages`);
}
