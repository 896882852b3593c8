// registry.k8s.io/goproxy: an HTTP proxy on 8080 that the Kubernetes documentation's TCP probe example runs. It logs
// nothing; asked for a page of its own rather than proxying, it answers as goproxy does.

import type { Command } from '../process/command.ts';
import { daemon } from './daemon.ts';

export const goproxyCommand: Command = daemon(() => ({
  startup: () => ({}),
  ports: {
    8080: () => ({
      status: 500,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: 'This is a proxy server. Does not respond to non-proxy requests.\n',
    }),
  },
  usage: { cpuMillis: 0, memoryBytes: 2 * 1024 * 1024 },
}));
