// How pod traffic crosses between nodes: what a mode sets up on each node, and what it programs on a node for each
// other node (and removes when that node leaves).

import type { NodeNetwork } from './node-network.ts';

export interface InterNodeMode {
  name: 'overlay' | 'routed';
  /** The MTU of the bridge and the pods' veths (an overlay leaves room for its header). */
  mtu: number;
  setUp(node: NodeNetwork, random: () => number): void;
  connect(local: NodeNetwork, remote: NodeNetwork): void;
  disconnect(local: NodeNetwork, remote: NodeNetwork): void;
}
