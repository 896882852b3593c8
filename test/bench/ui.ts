// `npm run bench -- ui [--nodes N] [--replicas M]`: how fast the browser UI is. (1) Seconds from starting
// `kubelab web` to an interactive page — connected to the host, the explorer listing the lab's resources, the cluster
// view showing every node (the UI build and the CLI bundle are made fresh first, as after any `npm start`). (2) The
// page's frames while a Deployment scales from 0 to M pods (300) and they all run: every frame's length from a
// requestAnimationFrame loop, and the long tasks Chromium reports. Goals: interactive ≤ 1.5 s; no frame over 50 ms.

import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchChromium } from '../support/chromium.ts';
import { HostClient } from '../support/host-client.ts';
import { REPO_ROOT } from '../support/lab-server.ts';
import { startWebLab } from '../support/web-lab.ts';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function deployment(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: scale-test
  namespace: default
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: scale-test}
  template:
    metadata:
      labels: {app: scale-test}
    spec:
      containers:
        - name: web
          image: nginx
`;
}

/** Runs in the page: records every frame's length and every long task into window.__frames. */
const RECORD_FRAMES = `(() => {
  const frames = { deltas: [], longTasks: [] };
  window.__frames = frames;
  let last = performance.now();
  const tick = (now) => {
    frames.deltas.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) frames.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
})()`;

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const nodes = flag(args, 'nodes', 3);
  const replicas = flag(args, 'replicas', 300);
  // Build what a start would otherwise build, so the figure is a start's, not a build's.
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'main/cli/kubelab.mjs'), 'help']);
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: REPO_ROOT,
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });

  const started = performance.now();
  const lab = await startWebLab(['--nodes', String(nodes)]);
  const urlSeconds = (performance.now() - started) / 1000;
  try {
    await page.goto(lab.url);
    await page.locator('[data-testid="connection"][data-state="open"]').waitFor();
    await page.getByTestId('explorer-resource').first().waitFor();
    await page.locator('[data-testid="view-tab"][data-view="cluster"]').click();
    await page.locator(`[data-testid="node-card"]:nth-child(${nodes + 1})`).waitFor({ timeout: 60_000 });
    const interactiveSeconds = (performance.now() - started) / 1000;
    console.error(
      `interactive after ${interactiveSeconds.toFixed(3)} s (address printed after ${urlSeconds.toFixed(3)} s)`,
    );

    const host = await HostClient.connect(lab.port, lab.token);
    await host.result('objects.apply', {
      yaml: 'apiVersion: lab.kubelab.io/v1alpha1\nkind: Clock\nmetadata:\n  name: cluster\nspec:\n  speed: 10\n',
      force: true,
    });
    await host.result('objects.apply', { yaml: deployment(0) });
    await page.evaluate(RECORD_FRAMES);
    const scaleStarted = performance.now();
    await host.result('objects.apply', { yaml: deployment(replicas) });
    await page
      .locator(`[data-testid="pod-chip"][data-phase="Running"][data-pod^="scale-test-"]`)
      .nth(replicas - 1)
      .waitFor({ timeout: 300_000 });
    const scaleSeconds = (performance.now() - scaleStarted) / 1000;
    const frames = (await page.evaluate('window.__frames')) as { deltas: number[]; longTasks: number[] };
    host.close();
    const deltas = frames.deltas.slice(1).sort((a, b) => a - b);
    const at = (q: number) =>
      Number((deltas[Math.min(deltas.length - 1, Math.floor(q * deltas.length))] ?? 0).toFixed(1));
    return {
      interactiveSeconds: Number(interactiveSeconds.toFixed(3)),
      addressPrintedSeconds: Number(urlSeconds.toFixed(3)),
      replicas,
      scaleSeconds: Number(scaleSeconds.toFixed(2)),
      frames: deltas.length,
      maxFrameMs: at(1),
      p99FrameMs: at(0.99),
      medianFrameMs: at(0.5),
      framesOver50ms: deltas.filter((d) => d > 50).length,
      longTasks: frames.longTasks.length,
      longestTaskMs: Number(Math.max(0, ...frames.longTasks).toFixed(1)),
    };
  } finally {
    await browser.close();
    await lab.stop();
    await rm(lab.dir, { recursive: true, force: true });
  }
}
