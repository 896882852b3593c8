import { describe, expect, it } from 'vitest';
import { nodeApiPrinters } from './node-api.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('runtimeClassPrinter', () => {
  it('prints the handler of a runtime class', () => {
    const printer = nodeApiPrinters.RuntimeClass;
    expect(printer?.columns.map((c) => c.name)).toEqual(['Name', 'Handler', 'Age']);
    const runtimeClass = {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'gvisor', creationTimestamp: '2025-03-01T10:00:00Z' },
      handler: 'runsc',
    };
    expect(printer?.row(runtimeClass, NOW)).toEqual(['gvisor', 'runsc', '120m']);
  });
});
