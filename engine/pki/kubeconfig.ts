// Kubeconfig files as kubeadm writes admin.conf: one cluster (the API server URL and the CA, inline), one user (a
// client certificate and key, inline) and one context joining them, which is the current context. Written with
// mode 0600 because it holds a private key, and replaced atomically so a running kubectl never reads half a file.

import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { ADMIN_USER } from './pki.ts';

export interface KubeconfigOptions {
  clusterName: string;
  /** The API server URL, e.g. https://127.0.0.1:6443. */
  server: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  user: string;
  context: string;
  /** The context's default namespace; omitted means "default". */
  namespace?: string;
}

const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

export function renderKubeconfig(options: KubeconfigOptions): string {
  const context: Record<string, string> = { cluster: options.clusterName, user: options.user };
  if (options.namespace !== undefined) context.namespace = options.namespace;
  const config = {
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { 'certificate-authority-data': base64(options.caPem), server: options.server },
        name: options.clusterName,
      },
    ],
    contexts: [{ context, name: options.context }],
    'current-context': options.context,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: options.user,
        user: {
          'client-certificate-data': base64(options.clientCertPem),
          'client-key-data': base64(options.clientKeyPem),
        },
      },
    ],
  };
  return stringify(config, { lineWidth: 0 });
}

/** Writes the kubeconfig to `path`, creating its directory, readable by its owner only. */
export async function writeKubeconfig(path: string, options: KubeconfigOptions): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, renderKubeconfig(options), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

/** The admin kubeconfig of a lab (kubeadm's admin.conf): `kubernetes-admin` with its client certificate. */
export function adminKubeconfig(
  pki: { ca: { certPem: string }; admin: { certPem: string; keyPem: string } },
  clusterName: string,
  server: string,
): KubeconfigOptions {
  return {
    clusterName,
    server,
    caPem: pki.ca.certPem,
    clientCertPem: pki.admin.certPem,
    clientKeyPem: pki.admin.keyPem,
    user: ADMIN_USER,
    context: `${ADMIN_USER}@${clusterName}`,
  };
}
