import { describe, expect, it } from 'vitest';
import { builtinSchemas } from '../../api/schemas.ts';
import { goJsonForm } from './go-json-form.ts';

// Shapes of the outputs the assertions read.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('goJsonForm', () => {
  it('writes zero-valued structs and drops empty omitempty fields, as Go does for a Deployment', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', generateName: '', labels: {} },
      spec: {
        replicas: 0,
        paused: false,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [] }] },
        },
      },
    };
    const out = goJsonForm(deployment, 'io.k8s.api.apps.v1.Deployment', builtinSchemas) as Json;
    expect(Object.keys(out)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(out.metadata).toEqual({ name: 'web', creationTimestamp: null });
    expect(out.spec.replicas).toBe(0);
    expect(out.spec).not.toHaveProperty('paused');
    expect(out.spec.strategy).toEqual({});
    expect(out.spec.template.metadata).toEqual({ creationTimestamp: null, labels: { app: 'web' } });
    expect(out.spec.template.spec.containers[0]).toEqual({ name: 'nginx', image: 'nginx', resources: {} });
    expect(out.status).toEqual({});
  });

  it('keeps the fields of inline structs such as a volume source', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'i' }], volumes: [{ name: 'data', emptyDir: {} }] },
    };
    const out = goJsonForm(pod, 'io.k8s.api.core.v1.Pod', builtinSchemas) as Json;
    expect(out.spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  it('writes a Service the way a real cluster shows it', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } };
    const out = goJsonForm(svc, 'io.k8s.api.core.v1.Service', builtinSchemas) as Json;
    expect(out.status).toEqual({ loadBalancer: {} });
    expect(out.spec.ports[0]).toEqual({ port: 80, targetPort: 0 });
  });
});
