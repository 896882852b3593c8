// The traces of the latest requests the simulated programs sent through the data plane (wget, curl, ping, DNS…),
// kept for the UI and for PacketTrace: who sent what to where, how it ended, and every hop of its way.

import type { TraceHop } from '../packet.ts';

export interface KeptTrace {
  id: number;
  /** Lab time it was sent, ms since the epoch. */
  time: number;
  /** The sending namespace (`pod/<namespace>/<name>` or `node/<name>`). */
  from: string;
  program: string;
  protocol: 'tcp' | 'udp' | 'icmp';
  dst: string;
  dstPort: number;
  /** "ok", or the error the program saw (ECONNREFUSED…). */
  outcome: string;
  hops: TraceHop[];
}

export class TraceLog {
  private readonly traces: KeptTrace[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 200) {}

  add(trace: Omit<KeptTrace, 'id'>): KeptTrace {
    const kept = { id: this.nextId++, ...trace };
    this.traces.push(kept);
    if (this.traces.length > this.capacity) this.traces.shift();
    return kept;
  }

  /** The id the next trace gets: traces kept after this moment have ids from it on. */
  get nextTraceId(): number {
    return this.nextId;
  }

  /** The kept traces, oldest first; those sent from one namespace when given. */
  list(from?: string): KeptTrace[] {
    return from === undefined ? [...this.traces] : this.traces.filter((t) => t.from === from);
  }
}
