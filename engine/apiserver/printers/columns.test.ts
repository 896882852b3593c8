import { describe, expect, it } from 'vitest';
import { column, containerCells, wideColumn } from './columns.ts';

describe('column', () => {
  it.each([
    [
      'a string column shown by default',
      column('Ready', 'd'),
      { name: 'Ready', type: 'string', format: '', description: 'd', priority: 0 },
    ],
    [
      'a typed column with a format',
      column('Attacher', 'd', { type: 'boolean', format: 'name' }),
      { name: 'Attacher', type: 'boolean', format: 'name', description: 'd', priority: 0 },
    ],
    [
      'a column for -o wide',
      wideColumn('IP', 'd'),
      { name: 'IP', type: 'string', format: '', description: 'd', priority: 1 },
    ],
  ])('builds %s', (_name, got, want) => {
    expect(got).toEqual(want);
  });
});

describe('containerCells', () => {
  it.each([
    [
      'joins container names and images with commas',
      {
        containers: [
          { name: 'a', image: 'nginx' },
          { name: 'b', image: 'busybox' },
        ],
      },
      ['a,b', 'nginx,busybox'],
    ],
    ['prints nothing for a missing pod spec', undefined, ['', '']],
  ])('%s', (_name, spec, want) => {
    expect(containerCells(spec)).toEqual(want);
  });
});
