// Which links the app hands to the system browser (shell.openExternal): https links to a short list of documentation
// hosts, nothing else — no other scheme (file:, smb:, custom protocol handlers), no credentials, no odd port.

import type { Shell } from 'electron';

/** Hosts the UI links to: Kubernetes' documentation and the project's code. */
const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(['kubernetes.io', 'www.kubernetes.io', 'github.com', 'etcd.io']);

const MAX_URL_LENGTH = 2048;

export function isVettedExternalUrl(url: string): boolean {
  if (url.length > MAX_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_HOSTS.has(parsed.hostname)
  );
}

/** Opens a vetted link in the system browser; any other URL is dropped. Answers whether it was opened. */
export function openExternalIfVetted(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  if (!isVettedExternalUrl(url)) return false;
  void shell.openExternal(url).catch(() => undefined);
  return true;
}
