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

  // Scores follow the nodes' images as they change — which nodes have an image, and so its spread — also where no
  // node can pass the 23 MiB floor and scoring is cut short.
  const withImages = (name: string, images: Record<string, number>) => makeNode().name(name).images(images).obj();
  it.each([
    {
      name: 'an image no node has scores 0 everywhere, until the nodes pull it',
      image: 'big',
      before: { a: {}, b: {} },
      after: { a: { 'big:latest': 800 * MB }, b: { 'big:latest': 800 * MB } },
      want: [
        { a: 0, b: 0 },
        { a: 79, b: 79 },
      ],
    },
    {
      // 80 MiB × 1/4 is under the floor; × 3/4 = 60 MiB: (60 − 23) × 100 / (1000 − 23).
      name: 'an image too rare to pass the floor counts once more nodes have it',
      image: 'mid',
      before: { a: { 'mid:latest': 80 * MB }, b: {}, c: {}, d: {} },
      after: { a: { 'mid:latest': 80 * MB }, b: { 'mid:latest': 80 * MB }, c: { 'mid:latest': 80 * MB }, d: {} },
      want: [
        { a: 0, b: 0, c: 0, d: 0 },
        { a: 3, b: 3, c: 3, d: 0 },
      ],
    },
    {
      name: 'a node that loses the image scores 0, and the others less',
      image: 'big',
      before: { a: { 'big:latest': 800 * MB }, b: { 'big:latest': 800 * MB } },
      after: { a: { 'big:latest': 800 * MB }, b: { 'small:latest': MB } },
      want: [
        { a: 79, b: 79 },
        { a: 38, b: 0 },
      ],
    },
  ])('$name', ({ image, before, after, want }) => {
    const nodes = Object.entries(before).map(([name, images]) => withImages(name, images));
    const tf = new TestFramework({ nodes });
    const pod = makePod().req({}, image).obj();
    expect(Object.fromEntries(tf.score(Name, pod)!)).toEqual(want[0]);
    for (const [i, [name, images]] of Object.entries(after).entries()) {
      tf.cache.updateNode(nodes[i]!, withImages(name, images));
    }
    tf.cache.updateSnapshot(tf.snapshot);
    expect(Object.fromEntries(tf.score(Name, pod)!)).toEqual(want[1]);
  });
});
