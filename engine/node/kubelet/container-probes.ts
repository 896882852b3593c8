// The probes of one running container instance, as kubelet's probe workers run them: each probe every
// periodSeconds once initialDelaySeconds have passed since the container started, liveness and readiness only
// after the startup probe succeeded, a result changing only after successThreshold / failureThreshold equal results
// in a row. Readiness starts false, liveness true, startup unknown; a failed liveness or startup probe holds until
// the next instance. Every failure is an Unhealthy event.

import type { Clock, Timer } from '../../lab/clock.ts';
import type { Container, Probe } from './pod-types.ts';
import type { ProbeOutcome, ProbeResult, ProbeTarget } from './probe-check.ts';
import { runProbe } from './probe-check.ts';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

const TITLES: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export interface ProbeListener {
  /** A probe failed (each failure, before thresholds): "<Kind> probe failed: <output>". */
  failed(kind: ProbeKind, message: string): void;
  /** The container's ready, started or liveness state changed. */
  changed(): void;
}

interface Worker {
  kind: ProbeKind;
  spec: Probe;
  timer: Timer | undefined;
  lastResult: ProbeResult | undefined;
  run: number;
  busy: boolean;
}

export class ContainerProbes {
  /** Readiness result (true without a readiness probe). */
  ready: boolean;
  /** Startup result (true without a startup probe). */
  started: boolean;
  /** Liveness or startup failed past its threshold: the container must be restarted. */
  failed: 'liveness' | 'startup' | undefined;
  private readonly workers: Worker[] = [];
  private readonly container: Container;
  private stopped = false;

  constructor(
    container: Container,
    private readonly startedAt: number,
    private readonly clock: Clock,
    private readonly target: ProbeTarget,
    private readonly listener: ProbeListener,
  ) {
    this.container = container;
    this.ready = !container.readinessProbe;
    this.started = !container.startupProbe;
    for (const kind of ['startup', 'liveness', 'readiness'] as const) {
      const spec = container[`${kind}Probe`];
      if (spec) this.workers.push({ kind, spec, timer: undefined, lastResult: undefined, run: 0, busy: false });
    }
    for (const worker of this.workers) this.schedule(worker);
  }

  /** Stops liveness and startup probes (the pod is terminating); readiness goes on. */
  stopLiveness(): void {
    for (const worker of this.workers) if (worker.kind !== 'readiness') this.cancel(worker);
  }

  /** The container ended: no more probes, not ready. */
  stop(): void {
    this.stopped = true;
    this.ready = false;
    for (const worker of this.workers) this.cancel(worker);
  }

  private cancel(worker: Worker): void {
    worker.timer?.cancel();
    worker.timer = undefined;
  }

  private schedule(worker: Worker): void {
    const periodMs = (worker.spec.periodSeconds ?? 10) * 1000;
    const firstAt = this.startedAt + (worker.spec.initialDelaySeconds ?? 0) * 1000;
    const firstIn = Math.max(0, firstAt - this.clock.now());
    worker.timer = this.clock.setTimeout(() => {
      if (this.stopped) return;
      worker.timer = this.clock.setInterval(() => void this.probe(worker), periodMs);
      void this.probe(worker);
    }, firstIn);
  }

  private async probe(worker: Worker): Promise<void> {
    if (this.stopped || worker.busy || !worker.timer) return;
    // Startup gates the others; once started, the startup probe has nothing more to say.
    if (worker.kind === 'startup' ? this.started : !this.started) return;
    worker.busy = true;
    let outcome: ProbeOutcome;
    try {
      outcome = await runProbe(
        worker.spec,
        this.container,
        this.target,
        (worker.spec.timeoutSeconds ?? 1) * 1000,
        this.clock,
      );
    } finally {
      worker.busy = false;
    }
    if (this.stopped || !worker.timer || outcome.result === 'Unknown') return;
    if (outcome.result === 'Failure')
      this.listener.failed(worker.kind, `${TITLES[worker.kind]} probe failed: ${outcome.output}`);
    if (worker.lastResult === outcome.result) worker.run++;
    else {
      worker.lastResult = outcome.result;
      worker.run = 1;
    }
    const threshold =
      outcome.result === 'Failure' ? (worker.spec.failureThreshold ?? 3) : (worker.spec.successThreshold ?? 1);
    if (worker.run < threshold) return;
    this.apply(worker, outcome.result === 'Success');
  }

  private apply(worker: Worker, success: boolean): void {
    const before = [this.ready, this.started, this.failed] as const;
    if (worker.kind === 'readiness') this.ready = success;
    else if (worker.kind === 'startup' && success) this.started = true;
    else if (!success) {
      this.failed = worker.kind === 'startup' ? 'startup' : 'liveness';
      this.cancel(worker);
    }
    if (before[0] !== this.ready || before[1] !== this.started || before[2] !== this.failed) this.listener.changed();
  }
}
