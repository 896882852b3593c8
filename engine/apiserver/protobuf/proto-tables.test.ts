// Checks the generated protobuf tables against each other: every field the decoder reads has its Go traits, and
// every message a kind maps to exists.

import { describe, expect, it } from 'vitest';
import { builtinKinds } from '../../api/schemas.ts';
import { protoTables } from './proto-tables.ts';

describe('protoTables', () => {
  it('has Go traits for every field of every message decoded field by field', () => {
    const { messages, traits } = protoTables();
    const missing: string[] = [];
    for (const [name, message] of Object.entries(messages)) {
      if (message.encoding || !message.definition) continue;
      for (const field of message.fields) {
        if (!field.inline && traits[name]?.[field.json ?? field.name] === undefined)
          missing.push(`${name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('maps the definitions of the stable kinds to their messages', () => {
    const { messageOfDefinition } = protoTables();
    expect(messageOfDefinition.get('io.k8s.api.apps.v1.Deployment')).toBe('k8s.io.api.apps.v1.Deployment');
    expect(
      messageOfDefinition.get('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition'),
    ).toBe('k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition');
    const stable = builtinKinds().filter((kind) => /^v\d+$/.test(kind.version) && !kind.kind.endsWith('List'));
    const unmapped = stable.filter((kind) => !messageOfDefinition.has(kind.definition)).map((kind) => kind.kind);
    expect([...new Set(unmapped)]).toEqual([]);
  });

  it('records pointer and omitempty facts as Go declares them', () => {
    const { traits } = protoTables();
    expect(traits['k8s.io.api.apps.v1.DeploymentSpec']).toMatchObject({ replicas: 'po', template: '', strategy: 'o' });
    expect(traits['k8s.io.api.scheduling.v1.PriorityClass']?.value).toBe('');
  });
});
