import { describe, expect, it } from 'vitest';
import { errorLines, fieldPath } from './error-lines.ts';

const TEXT = `# two objects
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: a
          image: nginx
        - name: b
          image: ""
`;

const error = (extra: object) => ({ code: 422, reason: 'Invalid', message: 'bad', ...extra });

describe('field paths', () => {
  it('split into keys and indexes', () => {
    expect(fieldPath('spec.template.spec.containers[1].image')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      1,
      'image',
    ]);
    expect(fieldPath('.metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });
});

describe('the line of an apply error', () => {
  it('is the line of its field in its document (empty documents not counted)', () => {
    const [placed] = errorLines(TEXT, [error({ document: 1, field: 'spec.template.spec.containers[1].image' })]);
    expect(placed).toEqual({
      line: 19,
      column: 11,
      endColumn: 20,
      message: 'spec.template.spec.containers[1].image: bad',
    });
  });

  it('is the deepest line of the field path that exists', () => {
    const [placed] = errorLines(TEXT, [error({ document: 1, field: 'spec.template.spec.volumes[0].name' })]);
    expect(placed?.line).toBe(14);
  });

  it("is the document's first line without a field", () => {
    expect(errorLines(TEXT, [error({ document: 0 }), error({ document: 1 })]).map((e) => e.line)).toEqual([2, 8]);
  });

  it('is the line the host gave when it gave one', () => {
    expect(errorLines(TEXT, [error({ document: 1, line: 17, field: 'spec' })])[0]?.line).toBe(17);
  });

  it('is the first line when the document is not in the text', () => {
    expect(errorLines(TEXT, [error({ document: 7 })])[0]?.line).toBe(1);
  });

  it('keeps a message that already names the field as it is', () => {
    const [placed] = errorLines(TEXT, [
      error({ document: 0, field: 'metadata.name', message: 'metadata.name: Required' }),
    ]);
    expect(placed).toMatchObject({ line: 5, message: 'metadata.name: Required' });
  });
});
