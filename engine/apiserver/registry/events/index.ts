// The events.k8s.io group's resources (events.k8s.io/v1).

import type { ResourceDefinition } from '../resource-definition.ts';
import { eventsV1Resource } from './events.ts';

export const eventsResources: readonly ResourceDefinition[] = [eventsV1Resource];
