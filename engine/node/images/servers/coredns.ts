// CoreDNS: reads its Corefile (-conf), logs the server blocks and its version, answers DNS queries on port 53 (UDP)
// from the cluster state it watches (SERVFAIL outside a cluster), /health on 8080, /ready on 8181 and /metrics on
// 9153.

import type { DnsMessage } from '../../../network/dns/message.ts';
import { replyTo } from '../../../network/dns/message.ts';
import type { Command } from '../process/command.ts';
import { daemon, healthEndpoints } from './daemon.ts';
import { spread } from './server-usage.ts';

export function corednsCommand(version: string): Command {
  return daemon((context) => {
    const confIndex = context.argv.indexOf('-conf');
    const path = confIndex >= 0 ? (context.argv[confIndex + 1] ?? 'Corefile') : 'Corefile';
    const corefile =
      context.system.fs.read(path.startsWith('/') ? path : `/${path}`) ?? '.:53 {\n    whoami\n    log\n}\n';
    const blocks = [...corefile.matchAll(/^\s*([^\s{#][^{]*?)\s*\{/gm)].map((match) =>
      match[1]!.trim().replace(/\s+/g, ' '),
    );
    const hash = Array.from({ length: 8 }, (_, i) =>
      Math.floor(spread(corefile + i) * 0xffffffff)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    return {
      startup: () => ({
        stdout: `${blocks.join('\n')}\n[INFO] plugin/reload: Running configuration SHA512 = ${hash}${hash}\nCoreDNS-${version}\nlinux/amd64, go1.22.7, a6338e9\n`,
      }),
      datagrams: {
        53: (query) => context.system.cluster?.dns?.(query as DnsMessage) ?? replyTo(query as DnsMessage, 'SERVFAIL'),
      },
      ports: {
        53: undefined,
        8080: healthEndpoints({ '/health': 'OK' }),
        8181: healthEndpoints({ '/ready': 'OK' }),
        9153: healthEndpoints({
          '/metrics':
            '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.22.7",revision="a6338e9",version="' +
            version +
            '"} 1\n',
        }),
      },
      usage: { cpuMillis: 2, memoryBytes: 13 * 1024 * 1024 },
      shutdown: () => ({
        stdout:
          '[INFO] SIGTERM: Shutting down servers then terminating\n[INFO] plugin/health: Going into lameduck mode for 5s\n',
      }),
    };
  });
}
