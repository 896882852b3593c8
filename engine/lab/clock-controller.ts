// Keeps the lab's clock and its Clock object in step: a change to spec.speed or spec.paused of the Clock named
// "cluster" is applied to the virtual clock every component runs on, and status.now reports lab time, refreshed
// every second of real time while the clock runs.

import type { KubeObject } from '../api/object.ts';
import { isPlainObject } from '../api/object.ts';
import { rfc3339 } from '../api/json.ts';
import { isStatusError } from '../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { SharedInformer } from '../client/informer.ts';
import type { VirtualClock } from './clock.ts';
import { CLOCK_NAME, LAB_GROUP, LAB_VERSION } from './lab-resources.ts';

const STATUS_REFRESH_MS = 1000;
const PATH = `/apis/${LAB_GROUP}/${LAB_VERSION}/clocks/${CLOCK_NAME}/status`;

export class ClockController {
  private refresh: ReturnType<typeof setInterval> | undefined;
  private writing = false;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: VirtualClock,
    private readonly clocks: SharedInformer,
  ) {
    clocks.addEventHandler({
      onAdd: (obj) => this.apply(obj),
      onUpdate: (_old, obj) => this.apply(obj),
    });
  }

  run(): void {
    // Real time on purpose: status.now is refreshed for people watching, whatever speed lab time runs at.
    this.refresh = setInterval(() => void this.writeStatus(), STATUS_REFRESH_MS);
    this.refresh.unref?.();
  }

  stop(): void {
    if (this.refresh) clearInterval(this.refresh);
  }

  private apply(obj: KubeObject): void {
    if (obj.metadata.name !== CLOCK_NAME) return;
    const spec = isPlainObject(obj['spec']) ? obj['spec'] : {};
    const speed = typeof spec['speed'] === 'number' && spec['speed'] > 0 ? spec['speed'] : 1;
    const paused = spec['paused'] === true;
    const state = this.clock.state;
    if (state.speed !== speed) this.clock.setSpeed(speed);
    if (state.paused !== paused) this.clock.setPaused(paused);
    const status = isPlainObject(obj['status']) ? obj['status'] : {};
    if (status['speed'] !== speed || status['paused'] !== paused) void this.writeStatus();
  }

  private async writeStatus(): Promise<void> {
    const current = this.clocks.lister.get('', CLOCK_NAME);
    if (!current || this.writing) return;
    const { speed, paused } = this.clock.state;
    const status = isPlainObject(current['status']) ? current['status'] : {};
    const now = rfc3339(this.clock.now());
    if (status['now'] === now && status['speed'] === speed && status['paused'] === paused) return;
    this.writing = true;
    try {
      await this.client.request('PATCH', PATH, {
        contentType: 'application/merge-patch+json',
        body: { status: { now, speed, paused } },
      });
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    } finally {
      this.writing = false;
    }
  }
}
