// APIServices (kube-aggregator pkg/registry/apiservice): which API group versions the server serves itself and
// which it proxies to an extension API server. Stored under /registry/apiregistration.k8s.io/apiservices; names
// are <version>.<group> ("v1." for the core group), so they are checked as path segments, not DNS names.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setAPIServiceDefaults } from '../../defaults/apiregistration.ts';
import { validateAPIService, validateAPIServiceStatus } from '../../validation/apiregistration.ts';
import { isValidPathSegmentName } from '../../validation/path-segment-name.ts';

export const apiServicesResource: ResourceDefinition = {
  group: 'apiregistration.k8s.io',
  version: 'v1',
  kind: 'APIService',
  listKind: 'APIServiceList',
  resource: 'apiservices',
  singular: 'apiservice',
  namespaced: false,
  categories: ['api-extensions'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService',
  storagePrefix: 'apiregistration.k8s.io/apiservices',
  subresources: { status: statusSubresource('apiregistration.k8s.io', 'APIService') },
  validateName: isValidPathSegmentName,
  strategy: {
    defaults: setAPIServiceDefaults,
    prepareForCreate: (apiService) => resetStatus(apiService, {}),
    validate: (apiService) => validateAPIService(apiService),
    validateUpdate: (apiService) => validateAPIService(apiService),
    validateStatusUpdate: (apiService) => validateAPIServiceStatus(apiService),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
  },
};
