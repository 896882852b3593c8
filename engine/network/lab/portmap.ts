// The portmap CNI plugin, chained after the bridge plugin as flannel's conflist chains it: a pod's hostPorts become
// DNAT rules in the node's nat table — CNI-HOSTPORT-DNAT (entered from PREROUTING and OUTPUT for local
// destinations) jumps to one CNI-DN-<hash> chain per sandbox, which marks hairpin and localhost traffic for
// CNI-HOSTPORT-MASQ and DNATs the host port to the pod's port. DEL removes the sandbox's chain and its jump.

import { createHash } from 'node:crypto';
import type { PortMapping } from '../../node/runtime/pod-network.ts';
import type { Iptables } from '../netfilter/iptables.ts';

/** flannel's network name, which the chains' hashes and comments carry. */
const NETWORK_NAME = 'cbr0';
const DNAT = 'CNI-HOSTPORT-DNAT';
const SETMARK = 'CNI-HOSTPORT-SETMARK';
const MASQ = 'CNI-HOSTPORT-MASQ';
const MARK = '0x2000/0x2000';
const MAX_CHAIN = 28;

/** utils.MustFormatChainNameWithPrefix: "CNI-DN-" and the SHA-512 of name and container ID, 28 characters. */
export function sandboxChain(sandboxId: string): string {
  const hash = createHash('sha512')
    .update(NETWORK_NAME + sandboxId)
    .digest('hex');
  return `CNI-DN-${hash}`.slice(0, MAX_CHAIN);
}

function dnatJump(sandboxId: string, protocol: string, ports: number[]): string[] {
  const comment = `dnat name: "${NETWORK_NAME}" id: "${sandboxId}"`;
  return ['-p', protocol, '-m', 'comment', '--comment', comment, '-m', 'multiport', '--dports', ports.join(',')];
}

/** Appends the rule unless the chain has it (`iptables -C`, then `-A`). */
function ensureRule(iptables: Iptables, chain: string, rule: string[]): string | undefined {
  if (iptables.exec(['-t', 'nat', '-C', chain, ...rule]).ok) return undefined;
  const added = iptables.exec(['-t', 'nat', '-A', chain, ...rule]);
  return added.ok ? undefined : added.error;
}

/** The chains every sandbox's rules hang from, made once. */
function ensureTopLevel(iptables: Iptables): string | undefined {
  for (const chain of [SETMARK, MASQ, DNAT]) iptables.exec(['-t', 'nat', '-N', chain]);
  const local = ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', DNAT];
  return (
    ensureRule(iptables, SETMARK, [
      '-m',
      'comment',
      '--comment',
      'CNI portfwd masquerade mark',
      '-j',
      'MARK',
      '--set-xmark',
      MARK,
    ]) ??
    ensureRule(iptables, MASQ, ['-m', 'mark', '--mark', MARK, '-j', 'MASQUERADE']) ??
    ensureRule(iptables, 'POSTROUTING', [
      '-m',
      'comment',
      '--comment',
      'CNI portfwd requiring masquerade',
      '-j',
      MASQ,
    ]) ??
    ensureRule(iptables, 'PREROUTING', local) ??
    ensureRule(iptables, 'OUTPUT', local)
  );
}

/** ADD: the sandbox's hostPorts forwarded to `ip`; the error iptables gave, if any. */
export function addHostPorts(
  iptables: Iptables,
  sandboxId: string,
  ip: string,
  mappings: readonly PortMapping[],
): string | undefined {
  if (mappings.length === 0) return undefined;
  const error = ensureTopLevel(iptables);
  if (error) return error;
  const chain = sandboxChain(sandboxId);
  iptables.exec(['-t', 'nat', '-N', chain]);
  for (const m of mappings) {
    const port = ['-p', m.protocol, '--dport', String(m.hostPort)];
    const to = m.hostIP ? ['-d', `${m.hostIP}/32`] : [];
    const rules = [
      [...to, '-s', `${ip}/32`, ...port, '-j', SETMARK],
      [...to, '-s', '127.0.0.1/32', ...port, '-j', SETMARK],
      [...to, ...port, '-j', 'DNAT', '--to-destination', `${ip}:${m.containerPort}`],
    ];
    for (const rule of rules) {
      const failed = ensureRule(iptables, chain, rule);
      if (failed) return failed;
    }
  }
  for (const protocol of ['tcp', 'udp'] as const) {
    const ports = mappings.filter((m) => m.protocol === protocol).map((m) => m.hostPort);
    if (ports.length > 0) {
      const failed = ensureRule(iptables, DNAT, [...dnatJump(sandboxId, protocol, ports), '-j', chain]);
      if (failed) return failed;
    }
  }
  return undefined;
}

/** DEL: the jumps to the sandbox's chain, then the chain. */
export function deleteHostPorts(iptables: Iptables, sandboxId: string, mappings: readonly PortMapping[]): void {
  if (mappings.length === 0) return;
  const chain = sandboxChain(sandboxId);
  for (const protocol of ['tcp', 'udp'] as const) {
    const ports = mappings.filter((m) => m.protocol === protocol).map((m) => m.hostPort);
    if (ports.length > 0)
      iptables.exec(['-t', 'nat', '-D', DNAT, ...dnatJump(sandboxId, protocol, ports), '-j', chain]);
  }
  iptables.exec(['-t', 'nat', '-F', chain]);
  iptables.exec(['-t', 'nat', '-X', chain]);
}
