import { describe, expect, it } from 'vitest';
import { Iptables } from '../netfilter/iptables.ts';
import { addHostPorts, deleteHostPorts, sandboxChain } from './portmap.ts';

const SANDBOX = '3f1c0a9e5b7d';
const MAPPINGS = [{ protocol: 'tcp' as const, containerPort: 8080, hostPort: 8081 }];

describe('the portmap plugin', () => {
  it("forwards a pod's hostPort from the node's local addresses, marking hairpin and localhost traffic", () => {
    const iptables = new Iptables();
    expect(addHostPorts(iptables, SANDBOX, '10.244.1.7', MAPPINGS)).toBeUndefined();
    const chain = sandboxChain(SANDBOX);
    expect(chain).toMatch(/^CNI-DN-[0-9a-f]{21}$/);
    const nat = iptables.save({ table: 'nat' });
    for (const rule of [
      '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
      '-A OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
      '-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
      `-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"cbr0\\" id: \\"${SANDBOX}\\"" -m multiport --dports 8081 -j ${chain}`,
      `-A ${chain} -s 10.244.1.7/32 -p tcp -m tcp --dport 8081 -j CNI-HOSTPORT-SETMARK`,
      `-A ${chain} -s 127.0.0.1/32 -p tcp -m tcp --dport 8081 -j CNI-HOSTPORT-SETMARK`,
      `-A ${chain} -p tcp -m tcp --dport 8081 -j DNAT --to-destination 10.244.1.7:8080`,
      '-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE',
    ]) {
      expect(nat).toContain(`${rule}\n`);
    }
    addHostPorts(iptables, 'other', '10.244.1.8', [{ protocol: 'udp', containerPort: 53, hostPort: 5353 }]);
    expect(iptables.save({ table: 'nat' }).match(/-j CNI-HOSTPORT-DNAT$/gm)).toHaveLength(2);
  });

  it('takes the sandbox chain and its jump away on DEL', () => {
    const iptables = new Iptables();
    addHostPorts(iptables, SANDBOX, '10.244.1.7', MAPPINGS);
    deleteHostPorts(iptables, SANDBOX, MAPPINGS);
    const nat = iptables.save({ table: 'nat' });
    expect(nat).not.toContain(sandboxChain(SANDBOX));
    expect(nat).toContain(':CNI-HOSTPORT-DNAT - [0:0]');
  });

  it('leaves the tables alone for a pod without hostPorts', () => {
    const iptables = new Iptables();
    expect(addHostPorts(iptables, SANDBOX, '10.244.1.7', [])).toBeUndefined();
    expect(iptables.save()).toBe('');
  });
});
