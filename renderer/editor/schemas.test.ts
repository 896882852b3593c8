import { describe, expect, it } from 'vitest';
import { editorSchemas, kindSchemaUri } from './schemas.ts';

describe('the editor schemas', () => {
  const kinds = [
    { apiVersion: 'apps/v1', kind: 'Deployment', schema: { $ref: '#/components/schemas/D', components: {} } },
    { apiVersion: 'v1', kind: 'Pod', schema: { type: 'object' } },
  ];
  const [root, ...perKind] = editorSchemas(kinds, ['**/kubelab/*.yaml']);

  it('registers each kind under its own URI, matched by no file', () => {
    expect(perKind.map((s) => [s.uri, s.fileMatch])).toEqual([
      ['kubelab://schemas/apps/v1/Deployment.json', []],
      ['kubelab://schemas/v1/Pod.json', []],
    ]);
    expect(perKind[0]?.schema).toBe(kinds[0]?.schema);
  });

  it("applies to the editor's models the schema of the apiVersion and kind a document names", () => {
    expect(root?.fileMatch).toEqual(['**/kubelab/*.yaml']);
    const allOf = root?.schema.allOf as { if: unknown; then: unknown }[];
    expect(allOf[1]).toEqual({
      if: { properties: { apiVersion: { const: 'v1' }, kind: { const: 'Pod' } }, required: ['apiVersion', 'kind'] },
      then: { $ref: kindSchemaUri('v1', 'Pod') },
    });
    expect(root?.schema.properties).toEqual({
      apiVersion: { type: 'string', enum: ['apps/v1', 'v1'] },
      kind: { type: 'string', enum: ['Deployment', 'Pod'] },
    });
  });
});
