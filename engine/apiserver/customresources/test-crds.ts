// CustomResourceDefinitions the tests of this folder share: upstream's CronTab example (namespaced, with status and
// scale sub-resources and printer columns) and a cluster-scoped Pipeline with nested arrays of objects, list-map
// keys, int-or-string, embedded resources and preserved unknown fields.

import type { KubeObject } from '../../api/object.ts';

export const CRON_TAB_SCHEMA = {
  type: 'object',
  description: 'A periodic job.',
  properties: {
    spec: {
      type: 'object',
      description: 'What to run and when.',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
        image: { type: 'string', description: 'The image to run.' },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
      },
    },
    status: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        labelSelector: { type: 'string' },
      },
    },
  },
};

export const cronTabCRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'], categories: ['all'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: CRON_TAB_SCHEMA },
        subresources: {
          status: {},
          scale: {
            specReplicasPath: '.spec.replicas',
            statusReplicasPath: '.status.replicas',
            labelSelectorPath: '.status.labelSelector',
          },
        },
        additionalPrinterColumns: [
          {
            name: 'Spec',
            type: 'string',
            description: 'The cron spec defining the interval',
            jsonPath: '.spec.cronSpec',
          },
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        selectableFields: [{ jsonPath: '.spec.image' }],
      },
    ],
  },
};

export const PIPELINE_SCHEMA = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        stages: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string' },
              port: { 'x-kubernetes-int-or-string': true },
              steps: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    run: { type: 'string' },
                    timeoutSeconds: { type: 'integer', format: 'int32', default: 60 },
                    env: { type: 'object', additionalProperties: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
        tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          'x-kubernetes-preserve-unknown-fields': true,
        },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        mode: { type: 'string', enum: ['fast', 'safe'] },
        replicas: { type: 'integer' },
      },
    },
    status: { type: 'object', properties: { replicas: { type: 'integer' } } },
  },
};

export const pipelineCRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'pipelines.ci.example.io' },
  spec: {
    group: 'ci.example.io',
    scope: 'Cluster',
    names: { plural: 'pipelines', kind: 'Pipeline' },
    versions: [
      { name: 'v1alpha1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: PIPELINE_SCHEMA },
        subresources: {
          status: {},
          scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
        },
        additionalPrinterColumns: [
          { name: 'Mode', type: 'string', jsonPath: '.spec.mode' },
          { name: 'Replicas', type: 'integer', priority: 1, description: 'Wanted copies.', jsonPath: '.spec.replicas' },
        ],
      },
    ],
  },
};
