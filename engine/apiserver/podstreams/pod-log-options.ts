// PodLogOptions from the query of GET …/pods/<name>/log, read and then validated as upstream's ValidatePodLogOptions
// does (422 PodLogOptions "<pod>" is invalid: …).

import { FieldPath, forbiddenField, invalidValue } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { invalid } from '../errors/status-error.ts';
import { queryBool, queryInt64, queryString, queryTime } from './query-params.ts';

const IS_NEGATIVE = 'must be greater than or equal to 0';

export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339, UTC. */
  sinceTime?: string;
  limitBytes?: number;
  /** Accepted for compatibility: there is no TLS between the simulated API server and its kubelets. */
  insecureSkipTLSVerifyBackend: boolean;
}

/** Reads the options; a malformed number or time is a 400. */
export function parsePodLogOptions(query: URLSearchParams): PodLogOptions {
  return {
    container: queryString(query, 'container'),
    follow: queryBool(query, 'follow'),
    previous: queryBool(query, 'previous'),
    timestamps: queryBool(query, 'timestamps'),
    tailLines: queryInt64(query, 'tailLines'),
    sinceSeconds: queryInt64(query, 'sinceSeconds'),
    sinceTime: queryTime(query, 'sinceTime'),
    limitBytes: queryInt64(query, 'limitBytes'),
    insecureSkipTLSVerifyBackend: queryBool(query, 'insecureSkipTLSVerifyBackend'),
  };
}

export function podLogOptionErrors(options: PodLogOptions): FieldError[] {
  const errors: FieldError[] = [];
  if (options.tailLines !== undefined && options.tailLines < 0) {
    errors.push(invalidValue(FieldPath.root('tailLines'), options.tailLines, IS_NEGATIVE));
  }
  if (options.limitBytes !== undefined && options.limitBytes < 1) {
    errors.push(invalidValue(FieldPath.root('limitBytes'), options.limitBytes, 'must be greater than 0'));
  }
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    errors.push(forbiddenField(FieldPath.root(''), 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (options.sinceSeconds !== undefined && options.sinceSeconds < 1) {
    errors.push(invalidValue(FieldPath.root('sinceSeconds'), options.sinceSeconds, 'must be greater than 0'));
  }
  return errors;
}

/** Throws the 422 of invalid options. */
export function validatePodLogOptions(podName: string, options: PodLogOptions): void {
  const errors = podLogOptionErrors(options);
  if (errors.length) throw invalid('', 'PodLogOptions', podName, errors);
}
