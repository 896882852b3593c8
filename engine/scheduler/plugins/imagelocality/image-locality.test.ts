import { describe, expect, it } from 'vitest';
import { TestFramework } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { Name, calculatePriority, normalizedImageName } from './image-locality.ts';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  it.each([
    { image: 'nginx', want: 'nginx:latest' },
    { image: 'nginx:1.27', want: 'nginx:1.27' },
    { image: 'registry:5000/app', want: 'registry:5000/app:latest' },
  ])('normalizes $image to $want', ({ image, want }) => {
    expect(normalizedImageName(image)).toBe(want);
  });

  it.each([
    { name: 'below the 23 MiB floor scores 0', sum: 10 * MB, containers: 1, want: 0 },
    { name: 'at the 1000 MiB ceiling scores 100', sum: 1000 * MB, containers: 1, want: 100 },
    { name: 'the ceiling grows with the containers', sum: 1000 * MB, containers: 2, want: 49 },
  ])('$name', ({ sum, containers, want }) => {
    expect(calculatePriority(sum, containers)).toBe(want);
  });

  it('prefers nodes that have the image, scaled by how many nodes have it', () => {
    const tf = new TestFramework({
      nodes: [
        makeNode()
          .name('has')
          .images({ 'big:latest': 800 * MB })
          .obj(),
        makeNode()
          .name('also')
          .images({ 'big:latest': 800 * MB })
          .obj(),
        makeNode().name('none').obj(),
        makeNode()
          .name('other')
          .images({ 'small:latest': 800 * MB })
          .obj(),
      ],
    });
    const scores = tf.score(Name, makePod().req({}, 'big').obj())!;
    // 800 MiB × 2/4 of the nodes = 400 MiB: (400 − 23) × 100 / (1000 − 23).
    expect(Object.fromEntries(scores)).toEqual({ has: 38, also: 38, none: 0, other: 0 });
  });
});
