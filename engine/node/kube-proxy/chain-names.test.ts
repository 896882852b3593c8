import { describe, expect, it } from 'vitest';
import { isServiceChainName, servicePortChains, servicePortEndpointChainName } from './chain-names.ts';

// Pairs taken from upstream's pkg/proxy/iptables/proxier_test.go expectations.
describe('servicePortChains', () => {
  it.each([
    ['ns1/svc1:p80', 'tcp', 'XPGD46QRK7WJZT7O'],
    ['ns2/svc2:p80', 'tcp', 'GNZBNJ2PO5MGZ6GT'],
    ['ns3/svc3:p80', 'tcp', 'X27LE4BHSL4DOUIK'],
    ['ns4/svc4:p80', 'tcp', '4SW47YFZTEDKD3PK'],
    ['ns5/svc5:p80', 'tcp', 'NUKIZ6OKUXPJNT4C'],
  ])('names the chains of %s/%s with the hash upstream gives', (name, protocol, hash) => {
    expect(servicePortChains(name, protocol)).toEqual({
      clusterPolicyChain: `KUBE-SVC-${hash}`,
      localPolicyChain: `KUBE-SVL-${hash}`,
      firewallChain: `KUBE-FW-${hash}`,
      externalChain: `KUBE-EXT-${hash}`,
    });
  });

  it('gives a different hash for another protocol on the same port name', () => {
    expect(servicePortChains('ns1/svc1:p80', 'udp').clusterPolicyChain).not.toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
  });
});

describe('servicePortEndpointChainName', () => {
  it.each([
    ['ns1/svc1:p80', '10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['ns2/svc2:p80', '10.180.0.2:80', 'KUBE-SEP-RS4RBKLTHTF2IUXJ'],
    ['ns3/svc3:p80', '10.180.0.3:80', 'KUBE-SEP-OYPFS5VJICHGATKP'],
    ['ns4/svc4:p80', '10.180.0.4:80', 'KUBE-SEP-UKSFD7AGPMPPLUHC'],
    ['ns4/svc4:p80', '10.180.0.5:80', 'KUBE-SEP-C6EBXVWJJZMIWKLZ'],
    ['ns5/svc5:p80', '10.180.0.3:80', 'KUBE-SEP-I77PXRDZVX7PMWMN'],
  ])('names the endpoint chain of %s → %s as upstream does', (name, endpoint, chain) => {
    expect(servicePortEndpointChainName(name, 'tcp', endpoint)).toBe(chain);
  });
});

describe('isServiceChainName', () => {
  it.each([
    ['KUBE-SVC-XPGD46QRK7WJZT7O', true],
    ['KUBE-SEP-SXIVWICOYRO3J4NJ', true],
    ['KUBE-EXT-GNZBNJ2PO5MGZ6GT', true],
    ['KUBE-SERVICES', false],
    ['KUBE-MARK-MASQ', false],
  ])('tells whether %s is a per-service chain (%s)', (chain, expected) => {
    expect(isServiceChainName(chain)).toBe(expected);
  });
});
