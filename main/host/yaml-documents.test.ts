import { describe, expect, it } from 'vitest';
import { fieldPathSteps, parseYamlDocuments } from './yaml-documents.ts';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: nginx
          image: nginx
        - name: side
          image: busybox
---
# only a comment
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
`;

describe('parseYamlDocuments', () => {
  it('reads every non-empty document, numbered from 0, with its first line', () => {
    const docs = parseYamlDocuments(TEXT);
    expect(docs.map((d) => [d.index, d.line, (d.object?.metadata as { name: string }).name])).toEqual([
      [0, 1, 'web'],
      [1, 16, 'settings'],
    ]);
  });

  it.each([
    ['spec.template.spec.containers[1].image', 12],
    ['spec.template.spec.containers[0]', 9],
    ['metadata.name', 4],
    ['spec.template.spec.containers[5].image', 8],
    ['spec.replicas', 5],
  ])('finds the line of %s (or of the nearest field above it)', (path, line) => {
    expect(parseYamlDocuments(TEXT)[0]!.lineOf(path)).toBe(line);
  });

  it('reports malformed YAML with the line it is on', () => {
    const [doc] = parseYamlDocuments('kind: Pod\nmetadata:\n  name: a: b\n');
    expect(doc?.object).toBeUndefined();
    expect(doc?.error).toMatchObject({ code: 400, reason: 'BadRequest', document: 0, line: 3 });
  });

  it('refuses a document that is not a map', () => {
    expect(parseYamlDocuments('- a\n- b\n')[0]?.error?.message).toMatch(/must be a Kubernetes object/);
  });
});

describe('fieldPathSteps', () => {
  it('splits names, list indexes and map keys', () => {
    expect(fieldPathSteps('spec.containers[0].resources.requests[cpu]')).toEqual([
      'spec',
      'containers',
      0,
      'resources',
      'requests',
      'cpu',
    ]);
  });
});
