// ImageLocality (plugins/imagelocality): prefers nodes that already have the pod's images, each image's size scaled
// by the share of nodes that have it (so an image on every node earns little), the sum mapped between a 23 MiB
// floor and a 1000 MiB-per-container ceiling to 0–100.

import type { Pod } from '../../framework/api-types.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { MAX_NODE_SCORE } from '../../framework/interface.ts';
import type { Handle, ScorePlugin } from '../../framework/interface.ts';
import type { ImageStateSummary, NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import * as names from '../names.ts';

export const Name = names.ImageLocality;

const mb = 1024 * 1024;
const minThreshold = 23 * mb;
const maxContainerThreshold = 1000 * mb;

/** Appends ":latest" to an image name without a tag (normalizedImageName). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function scaledImageScore(state: ImageStateSummary, totalNumNodes: number): number {
  const spread = state.nodes.size / totalNumNodes;
  return Math.trunc(state.size * spread);
}

function sumImageScores(nodeInfo: NodeInfo, pod: Pod, totalNumNodes: number): number {
  let sum = 0;
  for (const containers of [pod.spec.initContainers ?? [], pod.spec.containers ?? []]) {
    for (const container of containers) {
      const state = nodeInfo.imageStates.get(normalizedImageName(container.image ?? ''));
      if (state) sum += scaledImageScore(state, totalNumNodes);
    }
  }
  return sum;
}

/** The image score mapped to 0–100 between the thresholds (calculatePriority). */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  const clamped = Math.min(Math.max(sumScores, minThreshold), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (clamped - minThreshold)) / (maxThreshold - minThreshold));
}

export class ImageLocalityPlugin implements ScorePlugin {
  readonly name = Name;

  constructor(private readonly handle: Handle) {}

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const spec = pod.pod.spec;
    const totalNumNodes = this.handle.snapshotSharedLister().list().length;
    const imageScores = sumImageScores(nodeInfo, pod.pod, totalNumNodes);
    return calculatePriority(imageScores, (spec.initContainers?.length ?? 0) + (spec.containers?.length ?? 0));
  }
}

export function newImageLocality(handle: Handle): ImageLocalityPlugin {
  return new ImageLocalityPlugin(handle);
}
