import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setFlowSchemaDefaults, setPriorityLevelConfigurationDefaults } from './flowcontrol.ts';

describe('flowcontrol defaults', () => {
  it('gives a flow schema precedence 1000', () => {
    const fs: KubeObject = { metadata: { name: 'f' }, spec: { priorityLevelConfiguration: { name: 'p' } } };
    setFlowSchemaDefaults(fs);
    expect(fs.spec).toMatchObject({ matchingPrecedence: 1000 });
  });

  it('fills a limited level that queues', () => {
    const plc: KubeObject = {
      metadata: { name: 'p' },
      spec: { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } },
    };
    setPriorityLevelConfigurationDefaults(plc);
    expect(plc.spec).toEqual({
      type: 'Limited',
      limited: {
        nominalConcurrencyShares: 30,
        lendablePercent: 0,
        limitResponse: { type: 'Queue', queuing: { handSize: 8, queues: 64, queueLengthLimit: 50 } },
      },
    });
  });

  it('fills an exempt level with zero shares', () => {
    const plc: KubeObject = { metadata: { name: 'exempt' }, spec: { type: 'Exempt', exempt: {} } };
    setPriorityLevelConfigurationDefaults(plc);
    expect(plc.spec).toEqual({ type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } });
  });
});
