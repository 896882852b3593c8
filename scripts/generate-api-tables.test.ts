// Checks that the committed API tables are what the generator makes from the reference specs, and spot-checks what
// it finds: inline fields, JSON names that differ from the proto names, fields only v1.32 has.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FieldSchema } from '../engine/api/schema-table.ts';
import {
  apiTableFiles,
  DEFAULT_REFERENCE_DIR,
  GENERATED_DIR,
  generateApiTables,
  writeApiTables,
  type ApiTables,
} from './generate-api-tables.ts';

const referenceExists = existsSync(DEFAULT_REFERENCE_DIR);
let generated: ApiTables | undefined;
const tables = (): ApiTables => (generated ??= generateApiTables(DEFAULT_REFERENCE_DIR));

describe('generate-api-tables', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'kubelab-api-tables-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.runIf(referenceExists)('reproduces the committed files byte for byte (else run npm run generate)', () => {
    writeApiTables(outDir, tables());
    for (const name of Object.keys(apiTableFiles(tables()))) {
      const fresh = readFileSync(join(outDir, name), 'utf8');
      const committed = readFileSync(join(GENERATED_DIR, name), 'utf8');
      expect(fresh === committed, `${name} is out of date`).toBe(true);
    }
  });

  it.runIf(referenceExists)('marks Go embedded structs as inline fields', () => {
    const inline = Object.entries(tables().proto.messages).flatMap(([name, message]) =>
      message.fields.filter((field) => field.inline).map((field) => `${name.split('.').pop()}.${field.name}`),
    );
    expect(inline).toEqual(
      expect.arrayContaining([
        'Volume.volumeSource',
        'PersistentVolumeSpec.persistentVolumeSource',
        'Probe.handler',
        'EphemeralContainer.ephemeralContainerCommon',
        'IngressRule.ingressRuleValue',
        'ConfigMapKeySelector.localObjectReference',
      ]),
    );
  });

  it.runIf(referenceExists)('records the JSON name where the proto name differs', () => {
    const fieldsOf = (name: string) => tables().proto.messages[name]?.fields ?? [];
    expect(fieldsOf('k8s.io.api.networking.v1.IngressClassParametersReference')).toContainEqual(
      expect.objectContaining({ name: 'aPIGroup', json: 'apiGroup' }),
    );
    expect(fieldsOf('k8s.io.api.authentication.v1.BoundObjectReference')).toContainEqual(
      expect.objectContaining({ name: 'uID', json: 'uid' }),
    );
  });

  it.runIf(referenceExists)('adds the fields and kinds only the v1.32 protos have', () => {
    const { definitions } = tables().schemas;
    expect(definitions['io.k8s.api.core.v1.PodSpec']?.properties?.resources).toEqual({
      ref: 'io.k8s.api.core.v1.ResourceRequirements',
    });
    expect(definitions['io.k8s.api.core.v1.PodSecurityContext']?.properties?.seLinuxChangePolicy).toEqual({
      type: 'string',
    });
    expect(definitions['io.k8s.api.admission.v1.AdmissionReview']?.properties).toHaveProperty('request');
    expect(definitions['io.k8s.api.core.v1.VolumeSource']).toBeUndefined();
  });

  it.runIf(referenceExists)('gives the named scalars their table formats', () => {
    const { definitions } = tables().schemas;
    expect(definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']?.format).toBe('quantity');
    expect(definitions['io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']?.format).toBe('micro-time');
    expect(definitions['io.k8s.apimachinery.pkg.apis.meta.v1.Time']?.format).toBe('date-time');
    expect(definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']?.format).toBe('int-or-string');
  });

  it.runIf(referenceExists)('keeps no upstream description text', () => {
    const described: string[] = [];
    const visit = (where: string, field: FieldSchema | undefined): void => {
      if (!field) return;
      if (field.description !== undefined) described.push(where);
      visit(`${where}[]`, field.items);
      visit(`${where}{}`, field.additionalProperties);
    };
    for (const [name, definition] of Object.entries(tables().schemas.definitions)) {
      if (definition.description !== undefined) described.push(name);
      for (const [property, field] of Object.entries(definition.properties ?? {})) visit(`${name}.${property}`, field);
    }
    expect(described).toEqual([]);
  });
});
