// Types of fetch-kubectl.mjs, for its test.

export interface KubectlTarget {
  platform: string;
  arch: string;
}

export interface KubectlDownload {
  url: string;
  checksumUrl: string;
  file: string;
}

export const KUBECTL_VERSION: string;
export const TARGETS: readonly KubectlTarget[];
export function kubectlDownload(target: KubectlTarget, outRoot: string, version?: string): KubectlDownload;
export function fetchKubectl(download: KubectlDownload, fetchImpl?: typeof fetch): Promise<'fetched' | 'unchanged'>;
