import { describe, expect, it } from 'vitest';
import { seededRandom } from '../scheduler/seeded-random.ts';
import { randomMac, randomVethName } from './mac.ts';

describe('link-layer names', () => {
  it('makes unicast, locally administered MACs', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 50; i++) {
      const mac = randomMac(random);
      expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      const first = parseInt(mac.slice(0, 2), 16);
      expect(first & 1).toBe(0);
      expect(first & 2).toBe(2);
    }
  });

  it('names host veths veth + 8 hex digits, the same from the same seed', () => {
    const name = randomVethName(seededRandom(3));
    expect(name).toMatch(/^veth[0-9a-f]{8}$/);
    expect(randomVethName(seededRandom(3))).toBe(name);
  });
});
