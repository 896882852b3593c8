import { describe, expect, it } from 'vitest';
import type { PodSpec } from './pod-types.ts';
import { podPortMappings } from './port-mappings.ts';

const container = (ports: NonNullable<PodSpec['containers'][number]['ports']>) => ({
  name: 'c',
  image: 'nginx',
  ports,
});

describe("the pod's hostPorts for the runtime", () => {
  it.each<[string, PodSpec, ReturnType<typeof podPortMappings>]>([
    [
      'a container port with a hostPort is published, its protocol lowercased',
      { containers: [container([{ containerPort: 80, hostPort: 8080 }, { containerPort: 9090 }])] },
      [{ protocol: 'tcp', containerPort: 80, hostPort: 8080 }],
    ],
    [
      'UDP and a host IP are kept; the same host port and protocol counts once',
      {
        containers: [
          container([{ containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '172.18.0.3' }]),
          container([{ containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '172.18.0.3' }]),
        ],
      },
      [{ protocol: 'udp', containerPort: 53, hostPort: 53, hostIP: '172.18.0.3' }],
    ],
    [
      'a host-network pod publishes nothing',
      { hostNetwork: true, containers: [container([{ containerPort: 80, hostPort: 80 }])] },
      [],
    ],
  ])('%s', (_case, spec, expected) => {
    expect(podPortMappings(spec)).toEqual(expected);
  });
});
