import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setCustomResourceDefinitionDefaults } from './apiextensions.ts';

describe('setCustomResourceDefinitionDefaults', () => {
  it('derives the singular and list kind from the kind and turns conversion off', () => {
    const crd: KubeObject = {
      metadata: { name: 'crontabs.stable.example.com' },
      spec: { names: { plural: 'crontabs', kind: 'CronTab' } },
    };
    setCustomResourceDefinitionDefaults(crd);
    expect(crd.spec).toEqual({
      names: { plural: 'crontabs', kind: 'CronTab', singular: 'crontab', listKind: 'CronTabList' },
      conversion: { strategy: 'None' },
    });
  });

  it('keeps names that are given', () => {
    const crd: KubeObject = {
      metadata: { name: 'x' },
      spec: { names: { plural: 'ps', kind: 'P', singular: 'pee', listKind: 'Ps' }, conversion: { strategy: 'None' } },
    };
    setCustomResourceDefinitionDefaults(crd);
    expect(crd.spec).toEqual({
      names: { plural: 'ps', kind: 'P', singular: 'pee', listKind: 'Ps' },
      conversion: { strategy: 'None' },
    });
  });

  it('points a conversion webhook service at port 443', () => {
    const conversion = {
      strategy: 'Webhook',
      webhook: { clientConfig: { service: { namespace: 'ns', name: 'conv' } }, conversionReviewVersions: ['v1'] },
    };
    const crd: KubeObject = { metadata: { name: 'x' }, spec: { names: { kind: 'P' }, conversion } };
    setCustomResourceDefinitionDefaults(crd);
    expect(conversion.webhook.clientConfig.service).toEqual({ namespace: 'ns', name: 'conv', port: 443 });
  });

  it('records the storage version as stored when a status is given without one', () => {
    const crd: KubeObject = {
      metadata: { name: 'x' },
      spec: { names: { kind: 'P' }, versions: [{ name: 'v1beta1' }, { name: 'v1', storage: true }] },
      status: {},
    };
    setCustomResourceDefinitionDefaults(crd);
    expect(crd.status).toEqual({ storedVersions: ['v1'] });
  });
});
