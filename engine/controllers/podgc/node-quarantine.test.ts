import { describe, expect, it } from 'vitest';
import { NodeQuarantine } from './node-quarantine.ts';

describe('NodeQuarantine', () => {
  it('releases a node only once its quarantine has ended', () => {
    const quarantine = new NodeQuarantine(40_000);
    quarantine.add('node-a', 0);
    expect(quarantine.takeEnded(39_999)).toEqual([]);
    expect(quarantine.takeEnded(40_000)).toEqual(['node-a']);
    expect(quarantine.takeEnded(100_000)).toEqual([]);
  });

  it('keeps the earlier end when a node is quarantined again', () => {
    const quarantine = new NodeQuarantine(40_000);
    quarantine.add('node-a', 0);
    quarantine.add('node-a', 20_000);
    quarantine.add('node-b', 20_000);
    expect(quarantine.takeEnded(40_000)).toEqual(['node-a']);
    expect(quarantine.takeEnded(60_000)).toEqual(['node-b']);
  });
});
