// Wall-clock and CPU time of this process since the stopwatch started: on a shared machine the CPU seconds say what
// the work costs, the wall seconds what it took.

export interface Elapsed {
  wallSeconds: number;
  cpuSeconds: number;
}

export class Stopwatch {
  private readonly wall = performance.now();
  private readonly cpu = process.cpuUsage();

  elapsed(): Elapsed {
    const cpu = process.cpuUsage(this.cpu);
    return { wallSeconds: (performance.now() - this.wall) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  }
}
