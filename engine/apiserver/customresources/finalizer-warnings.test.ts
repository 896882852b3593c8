import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { finalizerWarnings } from './finalizer-warnings.ts';

function withFinalizers(...finalizers: string[]): KubeObject {
  return { metadata: { name: 'x', finalizers } };
}

describe('finalizerWarnings', () => {
  it.each<[string, string, string[]]>([
    ['says nothing of a domain-qualified name', 'example.com/cleanup', []],
    ['says nothing of a standard finalizer', 'foregroundDeletion', []],
    [
      'advises a domain for a bare name',
      'cleanup',
      [
        'metadata.finalizers: "cleanup": prefer a domain-qualified finalizer name to avoid accidental conflicts with other finalizer writers',
      ],
    ],
    [
      'advises a path for a domain without one',
      'example.com',
      [
        'metadata.finalizers: "example.com": prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers',
      ],
    ],
    [
      'passes on what is wrong with a name',
      'a/b/c',
      [expect.stringMatching(/^metadata\.finalizers: "a\/b\/c": a qualified name must consist of/)],
    ],
  ])('%s', (_name, finalizer, expected) => {
    expect(finalizerWarnings(withFinalizers(finalizer))).toEqual(expected);
  });

  it('on update, warns only about finalizers the write adds', () => {
    expect(finalizerWarnings(withFinalizers('old', 'new'), withFinalizers('old'))).toEqual([
      expect.stringContaining('"new"'),
    ]);
  });
});
