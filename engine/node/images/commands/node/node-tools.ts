// The node tools: iproute2's bridge, iptables and iptables-save, ipvsadm, ipset, conntrack and crictl. The node has
// them (chroot /host), and so has busybox in this lab, for `kubectl debug node/… --image=busybox` — where they show
// the node, as they would from the node itself; in a pod's own namespaces they find nothing programmed there.

import type { Command } from '../../process/command.ts';
import { bridgeCommand } from './bridge.ts';
import { conntrackCommand } from './conntrack.ts';
import { crictlCommand } from './crictl.ts';
import { iptablesCommand, iptablesSaveCommand } from './iptables.ts';
import { ipsetCommand } from './ipset.ts';
import { ipvsadmCommand } from './ipvsadm.ts';

export const nodeTools: Record<string, Command> = {
  bridge: bridgeCommand,
  conntrack: conntrackCommand,
  crictl: crictlCommand,
  iptables: iptablesCommand,
  'iptables-save': iptablesSaveCommand,
  ipvsadm: ipvsadmCommand,
  ipset: ipsetCommand,
};

/** Where each lives on the node (kind's node image). */
export const nodeToolPaths: Record<string, string> = {
  bridge: '/usr/sbin/bridge',
  conntrack: '/usr/sbin/conntrack',
  crictl: '/usr/local/bin/crictl',
  iptables: '/usr/sbin/iptables',
  'iptables-save': '/usr/sbin/iptables-save',
  ipvsadm: '/usr/sbin/ipvsadm',
  ipset: '/usr/sbin/ipset',
};
