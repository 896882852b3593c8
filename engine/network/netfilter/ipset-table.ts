// The ipsets of one network namespace, as the kernel's ip_set keeps them: named sets of a type (hash:ip,
// hash:ip,port, hash:ip,port,ip, hash:ip,port,net, bitmap:port) created, filled and emptied as `ipset create|add|del`
// do, with the kernel's refusals (a set that exists or does not, an element already added or not there, a full set,
// a port outside a bitmap's range). `-m set --match-set` looks elements up here.

import { IPSET_TYPES, readElement } from './ipset-types.ts';
import type { IpsetType } from './ipset-types.ts';

export type IpsetResult = { ok: true } | { ok: false; error: string };

export interface IpsetCreateOptions {
  hashsize?: number;
  maxelem?: number;
  /** bitmap:port's `range FROM-TO` (required for it). */
  range?: string;
  /** Whether elements may carry a comment. */
  comment?: boolean;
}

export interface IpSet {
  name: string;
  type: IpsetType;
  hashsize: number;
  maxelem: number;
  range: { first: number; last: number } | undefined;
  comment: boolean;
  /** Element → its comment (empty without one), in the order added. */
  members: Map<string, string>;
  /** How many elements have each prefix in their net dimension (hash:*,net looks up every prefix in use). */
  prefixes: Map<number, number>;
}

const MAX_NAME = 31;
const DEFAULT_HASHSIZE = 1024;
const DEFAULT_MAXELEM = 65536;

const ok: IpsetResult = { ok: true };
const fail = (error: string): IpsetResult => ({ ok: false, error });
const NO_SET = 'The set with the given name does not exist';

function readRange(text: string | undefined): { first: number; last: number } | undefined {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text ?? '');
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  return match && first <= last && last <= 65535 ? { first, last } : undefined;
}

export class IpsetTable {
  private readonly sets = new Map<string, IpSet>();

  get(name: string): IpSet | undefined {
    return this.sets.get(name);
  }

  /** The sets, by name. */
  list(): IpSet[] {
    return [...this.sets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** `ipset create NAME TYPE [options]`; with `exist`, a set of the same name and type is left as it is. */
  create(name: string, typeName: string, options: IpsetCreateOptions = {}, exist = false): IpsetResult {
    if (name.length > MAX_NAME) return fail(`Syntax error: setname '${name}' is longer than ${MAX_NAME} characters`);
    const type = IPSET_TYPES.get(typeName);
    if (!type) return fail(`Syntax error: Unknown settype ${typeName}`);
    const existing = this.sets.get(name);
    if (existing) {
      return exist && existing.type === type
        ? ok
        : fail('Set cannot be created: set with the same name already exists');
    }
    const bitmap = type.name === 'bitmap:port';
    const range = readRange(options.range);
    if (bitmap && !range) return fail('Syntax error: Missing mandatory option "range"');
    this.sets.set(name, {
      name,
      type,
      hashsize: bitmap ? 0 : (options.hashsize ?? DEFAULT_HASHSIZE),
      maxelem: bitmap ? 0 : (options.maxelem ?? DEFAULT_MAXELEM),
      range: bitmap ? range : undefined,
      comment: options.comment ?? false,
      members: new Map(),
      prefixes: new Map(),
    });
    return ok;
  }

  /** `ipset destroy NAME`; `inUse` says whether an iptables rule references it. */
  destroy(name: string, inUse = false): IpsetResult {
    if (!this.sets.has(name)) return fail(NO_SET);
    if (inUse) return fail('Set cannot be destroyed: it is in use by a kernel component');
    this.sets.delete(name);
    return ok;
  }

  /** `ipset add NAME ELEMENT [comment TEXT]`; with `exist`, an element already there is not an error. */
  add(name: string, text: string, options: { comment?: string; exist?: boolean } = {}): IpsetResult {
    const set = this.sets.get(name);
    if (!set) return fail(NO_SET);
    const element = readElement(set.type, text);
    if (typeof element === 'string') return fail(element);
    if (set.range && !(Number(element.key) >= set.range.first && Number(element.key) <= set.range.last)) {
      return fail('Element is out of the range of the set');
    }
    if (options.comment !== undefined && !set.comment) {
      return fail('Comment extension is not supported by the set, or the set was created without it');
    }
    if (set.members.has(element.key)) {
      if (!options.exist) return fail("Element cannot be added to the set: it's already added");
      set.members.set(element.key, options.comment ?? set.members.get(element.key)!);
      return ok;
    }
    if (set.maxelem > 0 && set.members.size >= set.maxelem) {
      return fail(`Hash is full, cannot add more elements`);
    }
    set.members.set(element.key, options.comment ?? '');
    if (element.prefix !== undefined) set.prefixes.set(element.prefix, (set.prefixes.get(element.prefix) ?? 0) + 1);
    return ok;
  }

  /** `ipset del NAME ELEMENT`; with `exist`, an element not there is not an error. */
  del(name: string, text: string, options: { exist?: boolean } = {}): IpsetResult {
    const set = this.sets.get(name);
    if (!set) return fail(NO_SET);
    const element = readElement(set.type, text);
    if (typeof element === 'string') return fail(element);
    if (!set.members.delete(element.key)) {
      return options.exist ? ok : fail("Element cannot be deleted from the set: it's not added");
    }
    if (element.prefix !== undefined) {
      const left = (set.prefixes.get(element.prefix) ?? 1) - 1;
      if (left > 0) set.prefixes.set(element.prefix, left);
      else set.prefixes.delete(element.prefix);
    }
    return ok;
  }

  /** `ipset flush NAME`. */
  flush(name: string): IpsetResult {
    const set = this.sets.get(name);
    if (!set) return fail(NO_SET);
    set.members.clear();
    set.prefixes.clear();
    return ok;
  }
}
