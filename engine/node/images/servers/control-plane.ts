// The control-plane components as kubeadm runs them (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
// kube-proxy): a few of their real start-up log lines and the health endpoints their probes call.

import type { Command, CommandContext } from '../process/command.ts';
import { daemon, healthEndpoints } from './daemon.ts';
import { klogTime, rfc3339Micro } from './log-time.ts';

const mebibyte = 1024 * 1024;

/** A klog line: I1123 10:00:00.123456       1 server.go:123] "message" key="value" */
function klog(context: CommandContext, source: string, message: string): string {
  return `I${klogTime(context.system.clock.now())}       1 ${source}] ${message}\n`;
}

function flag(context: CommandContext, name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return context.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

const ok = healthEndpoints({ '/healthz': 'ok', '/livez': 'ok', '/readyz': 'ok' });

export function etcdCommand(version: string): Command {
  return daemon((context) => {
    const name = flag(context, 'name', context.system.hostname);
    const json = (caller: string, msg: string, extra = ''): string =>
      `{"level":"info","ts":"${rfc3339Micro(context.system.clock.now())}","caller":"${caller}","msg":"${msg}"${extra}}\n`;
    return {
      startup: () => ({
        stderr:
          json('etcdmain/etcd.go:73', 'Running: ', `,"args":${JSON.stringify(context.argv)}`) +
          json(
            'embed/etcd.go:128',
            'configuring peer listeners',
            `,"listen-peer-urls":["${flag(context, 'listen-peer-urls', 'https://127.0.0.1:2380')}"]`,
          ) +
          json(
            'embed/etcd.go:311',
            'starting an etcd server',
            `,"etcd-version":"${version}","name":"${name}","data-dir":"${flag(context, 'data-dir', '/var/lib/etcd')}"`,
          ) +
          json(
            'etcdserver/raft.go:511',
            'starting local member',
            `,"local-member-id":"8e9e05c52164694d","cluster-id":"cdf818194e3a8c32"`,
          ) +
          json(
            'etcdserver/server.go:2068',
            'published local member to cluster through raft',
            `,"local-member-attributes":"{Name:${name}}"`,
          ) +
          json('embed/serve.go:103', 'ready to serve client requests') +
          json('etcdmain/main.go:44', 'notifying init daemon') +
          json(
            'embed/serve.go:250',
            'serving client traffic securely',
            `,"traffic":"grpc+http","address":"127.0.0.1:2379"`,
          ),
      }),
      ports: {
        2379: undefined,
        2380: undefined,
        2381: healthEndpoints(
          { '/health': '{"health":"true","reason":""}', '/livez': 'ok', '/readyz': 'ok' },
          'application/json',
        ),
      },
      usage: { cpuMillis: 22, memoryBytes: 48 * mebibyte },
      shutdown: () => ({
        stderr: json('osutil/interrupt_unix.go:64', 'received signal; shutting down', ',"signal":"terminated"'),
      }),
    };
  });
}

interface KlogComponent {
  lines: [string, string][];
  port: number;
  usage: { cpuMillis: number; memoryBytes: number };
}

function klogDaemon(describe: (context: CommandContext) => KlogComponent): Command {
  return daemon((context) => {
    const component = describe(context);
    return {
      startup: () => ({ stderr: component.lines.map(([source, message]) => klog(context, source, message)).join('') }),
      ports: { [component.port]: ok },
      usage: component.usage,
      shutdown: () => ({
        stderr: klog(
          context,
          'genericapiserver.go:682',
          '"[graceful-termination] shutdown event" name="ShutdownInitiated"',
        ),
      }),
    };
  });
}

export function kubeApiserverCommand(version: string): Command {
  return klogDaemon((context) => ({
    port: Number(flag(context, 'secure-port', '6443')),
    usage: { cpuMillis: 45, memoryBytes: 260 * mebibyte },
    lines: [
      [
        'options.go:228',
        '"external host was not specified, using" host="' + flag(context, 'advertise-address', '10.0.0.10') + '"',
      ],
      ['server.go:144', `Version: ${version}`],
      ['server.go:146', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'],
      [
        'plugins.go:157',
        'Loaded 13 mutating admission controller(s) successfully in the following order: NamespaceLifecycle,LimitRanger,ServiceAccount,NodeRestriction,TaintNodesByCondition,Priority,DefaultTolerationSeconds,DefaultStorageClass,StorageObjectInUseProtection,RuntimeClass,DefaultIngressClass,MutatingAdmissionPolicy,MutatingAdmissionWebhook.',
      ],
      ['secure_serving.go:213', `Serving securely on [::]:${flag(context, 'secure-port', '6443')}`],
      ['controller.go:615', 'quota admission added evaluator for: leases.coordination.k8s.io'],
    ],
  }));
}

export function kubeControllerManagerCommand(version: string): Command {
  return klogDaemon(() => ({
    port: 10257,
    usage: { cpuMillis: 14, memoryBytes: 52 * mebibyte },
    lines: [
      ['serving.go:386', 'Generated self-signed cert in-memory'],
      ['controllermanager.go:193', `"Starting" version="${version}"`],
      ['secure_serving.go:213', 'Serving securely on 127.0.0.1:10257'],
      ['leaderelection.go:257', 'attempting to acquire leader lease kube-system/kube-controller-manager...'],
      ['leaderelection.go:271', 'successfully acquired lease kube-system/kube-controller-manager'],
      ['shared_informer.go:313', 'Waiting for caches to sync for tokens'],
    ],
  }));
}

export function kubeSchedulerCommand(version: string): Command {
  return klogDaemon(() => ({
    port: 10259,
    usage: { cpuMillis: 4, memoryBytes: 22 * mebibyte },
    lines: [
      ['serving.go:386', 'Generated self-signed cert in-memory'],
      ['server.go:167', `"Starting Kubernetes Scheduler" version="${version}"`],
      ['secure_serving.go:213', 'Serving securely on 127.0.0.1:10259'],
      ['leaderelection.go:257', 'attempting to acquire leader lease kube-system/kube-scheduler...'],
      ['leaderelection.go:271', 'successfully acquired lease kube-system/kube-scheduler'],
    ],
  }));
}

export function kubeProxyCommand(version: string): Command {
  return daemon((context) => ({
    startup: () => ({
      stderr:
        klog(context, 'server_linux.go:66', '"Using iptables proxy"') +
        klog(
          context,
          'server.go:698',
          `"Successfully retrieved node IP(s)" IPs=["${flag(context, 'hostname-override', context.system.hostname)}"]`,
        ) +
        klog(context, 'server_linux.go:170', '"Using iptables Proxier"') +
        klog(
          context,
          'proxier.go:255',
          '"Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"',
        ) +
        klog(context, 'server.go:497', `"Version info" version="${version}"`) +
        klog(context, 'config.go:199', '"Starting service config controller"') +
        klog(context, 'config.go:105', '"Starting endpoint slice config controller"') +
        klog(context, 'shared_informer.go:320', '"Caches are synced" controller="service config"'),
    }),
    ports: {
      10256: (request) => ({
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          lastUpdated: new Date(context.system.clock.now()).toISOString(),
          currentTime: new Date(context.system.clock.now()).toISOString(),
          nodeEligible: request.path === '/livez' ? undefined : true,
        }),
      }),
      10249: ok,
    },
    usage: { cpuMillis: 1, memoryBytes: 17 * mebibyte },
  }));
}
