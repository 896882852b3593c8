// ImageLocality (plugins/imagelocality): prefers nodes that already have the pod's images, each image's size scaled
// by the share of nodes that have it (so an image on every node earns little), the sum mapped between a 23 MiB
// floor and a 1000 MiB-per-container ceiling to 0–100.

import type { Pod } from '../../framework/api-types.ts';
import type { CycleState, StateData } from '../../framework/cycle-state.ts';
import { MAX_NODE_SCORE } from '../../framework/interface.ts';
import type { Handle, PreScorePlugin, ScorePlugin } from '../../framework/interface.ts';
import type { ImageStateSummary, NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import type { Status } from '../../framework/status.ts';
import * as names from '../names.ts';

export const Name = names.ImageLocality;

const preScoreStateKey = `PreScore${Name}`;

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

function sumImageScores(nodeInfo: NodeInfo, images: readonly string[], totalNumNodes: number): number {
  let sum = 0;
  for (const image of images) {
    const state = nodeInfo.imageStates.get(image);
    if (state) sum += scaledImageScore(state, totalNumNodes);
  }
  return sum;
}

/** The normalized image of every init container and container, in order (duplicates count as often as they occur). */
function podImages(pod: Pod): string[] {
  const images: string[] = [];
  for (const c of pod.spec.initContainers ?? []) images.push(normalizedImageName(c.image ?? ''));
  for (const c of pod.spec.containers ?? []) images.push(normalizedImageName(c.image ?? ''));
  return images;
}

/**
 * Whether some node may score above 0. A node holds an image's cluster-wide summary or none, so its sum is at most
 * the sum over all the pod's images, and a sum up to the 23 MiB floor scores 0: an image no node has, or one too
 * small or too rare to count, spares scoring every node. Unknown when the lister does not know the images.
 */
function anyNodeCanScore(
  images: readonly string[],
  totalNumNodes: number,
  clusterImages: ReadonlyMap<string, ImageStateSummary> | undefined,
): boolean {
  // Without containers every node with images scores the maximum.
  if (!clusterImages || images.length === 0) return true;
  let bound = 0;
  for (const image of images) {
    const state = clusterImages.get(image);
    if (state) bound += scaledImageScore(state, totalNumNodes);
  }
  return bound > minThreshold;
}

/** The pod's images and the cluster's size, worked out once per cycle instead of once per node. */
class PreScoreState implements StateData {
  readonly anyNodeCanScore: boolean;

  constructor(
    readonly images: readonly string[],
    readonly totalNumNodes: number,
    clusterImages: ReadonlyMap<string, ImageStateSummary> | undefined,
  ) {
    this.anyNodeCanScore = anyNodeCanScore(images, totalNumNodes, clusterImages);
  }

  clone(): StateData {
    return this;
  }
}

/** The image score mapped to 0–100 between the thresholds (calculatePriority). */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  const clamped = Math.min(Math.max(sumScores, minThreshold), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (clamped - minThreshold)) / (maxThreshold - minThreshold));
}

export class ImageLocalityPlugin implements PreScorePlugin, ScorePlugin {
  readonly name = Name;

  constructor(private readonly handle: Handle) {}

  preScore(state: CycleState, pod: PodInfo): Status | null {
    state.write(preScoreStateKey, this.preScoreState(pod));
    return null;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(preScoreStateKey) ?? this.preScoreState(pod);
    if (!s.anyNodeCanScore || nodeInfo.imageStates.size === 0) return 0;
    return calculatePriority(sumImageScores(nodeInfo, s.images, s.totalNumNodes), s.images.length);
  }

  private preScoreState(pod: PodInfo): PreScoreState {
    const lister = this.handle.snapshotSharedLister();
    return new PreScoreState(podImages(pod.pod), lister.list().length, lister.imageStates);
  }
}

export function newImageLocality(handle: Handle): ImageLocalityPlugin {
  return new ImageLocalityPlugin(handle);
}
