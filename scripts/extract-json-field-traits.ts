// Writes engine/api/generated/json-field-traits.json: for every protobuf message of proto.json, whether each JSON
// field is a Go pointer and whether its json tag has omitempty, read from the Go API types at v0.32.0.
// Usage: npx tsx scripts/extract-json-field-traits.ts <go module>=<source dir> … (see engine/api/generated/README.md).
// Run `npm run generate` first: it reads the committed proto.json and checks it against the Go types.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProtoTable } from '../engine/apiserver/protobuf/proto-table.ts';
import { listProtoFiles } from './api-tables/load-protos.ts';
import { DEFAULT_REFERENCE_DIR, GENERATED_DIR } from './generate-api-tables.ts';
import { parseGoFile, type GoFile, type GoStructs } from './json-field-traits/go-structs.ts';
import { extractJsonFieldTraits } from './json-field-traits/extract-traits.ts';

/** Go files that hold no API structs (generated marshalling code, deep copies, tests). */
const SKIPPED_GO_FILE = /(_test\.go|^generated\.pb\.go|^zz_generated.*\.go|_swagger_doc_generated\.go)$/;

/** The Go structs of every protobuf package, read from the module source directories. */
export function readGoPackages(protoRoot: string, modules: Map<string, string>): Map<string, GoStructs> {
  const goPackages = new Map<string, GoFile>();
  const protoPackages = new Map<string, string>();
  for (const file of listProtoFiles(protoRoot)) {
    const proto = readFileSync(join(protoRoot, file), 'utf8');
    const protoPackage = /^package ([\w.]+);/m.exec(proto)?.[1];
    const goPackage = /^option go_package = "([^"]+)";/m.exec(proto)?.[1];
    if (!protoPackage || !goPackage) throw new Error(`${file}: no package or go_package`);
    const module = [...modules.keys()].find((path) => goPackage === path || goPackage.startsWith(`${path}/`));
    if (module === undefined) throw new Error(`no source directory given for Go package ${goPackage}`);
    const dir = join(modules.get(module) ?? '', goPackage.slice(module.length));
    const merged: GoFile = { structs: new Map(), definedTypes: new Map() };
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.go') && !SKIPPED_GO_FILE.test(n))
      .sort()) {
      const parsed = parseGoFile(readFileSync(join(dir, name), 'utf8'));
      for (const [type, fields] of parsed.structs) merged.structs.set(type, fields);
      for (const [type, defined] of parsed.definedTypes) merged.definedTypes.set(type, defined);
    }
    goPackages.set(goPackage, merged);
    protoPackages.set(protoPackage, goPackage);
  }
  const structsByProtoPackage = new Map<string, GoStructs>();
  for (const [protoPackage, goPackage] of protoPackages) {
    const file = goPackages.get(goPackage);
    if (!file) continue;
    for (const [type, defined] of file.definedTypes) {
      const fields = goPackages.get(defined.goPackage ?? goPackage)?.structs.get(defined.type);
      if (fields && !file.structs.has(type)) file.structs.set(type, fields);
    }
    structsByProtoPackage.set(protoPackage, file.structs);
  }
  return structsByProtoPackage;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const modules = new Map(
    process.argv.slice(2).map((arg) => {
      const [module = '', dir = ''] = arg.split('=');
      return [module, resolve(dir)];
    }),
  );
  const table = JSON.parse(readFileSync(join(GENERATED_DIR, 'proto.json'), 'utf8')) as ProtoTable;
  const packages = readGoPackages(join(DEFAULT_REFERENCE_DIR, 'proto'), modules);
  const { traits, problems } = extractJsonFieldTraits(table, packages);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  writeFileSync(join(GENERATED_DIR, 'json-field-traits.json'), `${JSON.stringify(traits)}\n`);
  console.log(`wrote json-field-traits.json: ${Object.keys(traits).length} messages`);
}
