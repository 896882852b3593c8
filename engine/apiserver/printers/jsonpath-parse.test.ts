import { describe, expect, it } from 'vitest';
import { JsonPathSyntaxError, parseJsonPath } from './jsonpath-parse.ts';

describe('parseJsonPath', () => {
  it('parses fields, indexes and filters into one action', () => {
    expect(parseJsonPath('{.status.conditions[?(@.type=="Ready")].status}')).toEqual([
      {
        type: 'list',
        nodes: [
          { type: 'field', name: 'status' },
          { type: 'field', name: 'conditions' },
          {
            type: 'filter',
            left: [{ type: 'field', name: 'type' }],
            right: [{ type: 'text', text: 'Ready' }],
            operator: '==',
          },
          { type: 'field', name: 'status' },
        ],
      },
    ]);
  });

  it('reads a quoted dictionary key as dotted fields, as upstream does', () => {
    expect(parseJsonPath("{.labels['app.kubernetes.io']}")).toEqual([
      {
        type: 'list',
        nodes: [
          { type: 'field', name: 'labels' },
          { type: 'field', name: 'app' },
          { type: 'field', name: 'kubernetes' },
          { type: 'field', name: 'io' },
        ],
      },
    ]);
  });

  it('keeps escaped dots inside a field name', () => {
    expect(parseJsonPath('{.labels.app\\.kubernetes\\.io/name}')).toEqual([
      {
        type: 'list',
        nodes: [
          { type: 'field', name: 'labels' },
          { type: 'field', name: 'app.kubernetes.io/name' },
        ],
      },
    ]);
  });

  it('parses an index into a start and a derived end', () => {
    expect(parseJsonPath('{[-1]}')).toEqual([
      {
        type: 'list',
        nodes: [
          {
            type: 'array',
            params: [
              { known: true, value: -1, derived: false },
              { known: true, value: 0, derived: true },
              { known: false, value: 0, derived: false },
            ],
          },
        ],
      },
    ]);
  });

  it.each([
    ['an unclosed action', '{.a'],
    ['an unterminated array', '{.a[0}'],
    ['an index that is not a number', '{.a[x]}'],
    ['an unterminated filter', '{.a[?(@.b=="c"}'],
    ['two recursive descents in a row', '{....a}'],
    ['an unknown character', '{.a #}'],
  ])('rejects %s', (_name, template) => {
    expect(() => parseJsonPath(template)).toThrow(JsonPathSyntaxError);
  });
});
