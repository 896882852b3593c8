// URLs as wget and curl take them (scheme optional), and resolving their host through the container's network.

import type { NetworkAccess, NetworkWait } from '../program.ts';

export interface Url {
  host: string;
  port: number;
  path: string;
}

export function parseUrl(text: string): Url | undefined {
  const match = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^#\s]*)/.exec(text);
  if (!match) return undefined;
  const scheme = match[1] ?? 'http';
  return { host: match[2]!, port: Number(match[3] ?? (scheme === 'https' ? 443 : 80)), path: match[4] || '/' };
}

/** The first address of a host, or undefined when it does not resolve. */
export async function resolveHost(
  network: NetworkAccess,
  host: string,
  wait?: NetworkWait,
): Promise<string | undefined> {
  const result = await network.lookup(host, wait);
  return result.status === 'found' ? result.addresses[0] : undefined;
}

export const reasonPhrases: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const connectErrors: Record<'refused' | 'timeout' | 'unreachable', string> = {
  refused: 'Connection refused',
  timeout: 'Connection timed out',
  unreachable: 'No route to host',
};

/** A timeout flag's value (whole or fractional seconds) in ms; undefined when absent or not a number. */
export function secondsFlag(text: string | undefined): number | undefined {
  const seconds = text === undefined ? NaN : Number(text);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
