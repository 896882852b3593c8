// A plugin registry (runtime.Registry): plugin names to the factories that build them, and a scheduling profile —
// the scheduler name it serves, its plugins in order with their score weights, and percentageOfNodesToScore.

import type { PluginFactory } from '../interface.ts';

export type Registry = ReadonlyMap<string, PluginFactory>;

/** A plugin enabled in a profile (config.Plugin); weight counts for Score plugins only (0 or absent: 1). */
export interface PluginConfig {
  name: string;
  weight?: number;
}

/** config.KubeSchedulerProfile, with every plugin enabled at all the extension points it implements (multiPoint). */
export interface Profile {
  schedulerName: string;
  plugins: readonly PluginConfig[];
  /** 0 or absent: adaptive (50% − nodes/125, at least 5%). */
  percentageOfNodesToScore?: number;
}
