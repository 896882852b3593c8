// The UI end to end: Debian's Chromium, driven by playwright-core, against `kubelab web` — what a student does first.
// Screenshots of each step go to test-results/e2e/ (CI keeps them as artefacts; look at them when the UI changes).

import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/chromium.ts';
import { HostClient } from '../support/host-client.ts';
import { REPO_ROOT } from '../support/lab-server.ts';
import { startWebLab } from '../support/web-lab.ts';
import type { WebLab } from '../support/web-lab.ts';

const SHOTS = join(REPO_ROOT, 'test-results/e2e');

let lab: WebLab;
let browser: Browser;
let page: Page;
let host: HostClient;
const problems: string[] = [];

/** What the terminal shows: xterm's rows as text (spaces as rendered, style sheets left out). */
async function terminalText(): Promise<string> {
  return ((await page.getByTestId('terminal').locator('.xterm-rows').textContent()) ?? '').replaceAll('\u00a0', ' ');
}

/** What the editor shows of its model (Monaco renders only the visible lines, spaces as no-break spaces). */
async function editorText(): Promise<string> {
  return ((await page.getByTestId('yaml-editor').locator('.view-lines').textContent()) ?? '').replaceAll('\u00a0', ' ');
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe.skipIf(!hasChromium())('the lab in a browser', () => {
  beforeAll(async () => {
    await rm(SHOTS, { recursive: true, force: true });
    await mkdir(SHOTS, { recursive: true });
    [lab, browser] = await Promise.all([startWebLab(['--nodes', '2']), launchChromium()]);
    host = await HostClient.connect(lab.port, lab.token);
    // Ten times real speed, so image pulls and container starts take a moment, not seconds.
    await host.result('objects.apply', {
      yaml: 'apiVersion: lab.kubelab.io/v1alpha1\nkind: Clock\nmetadata:\n  name: cluster\nspec:\n  speed: 10\n',
      force: true,
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    host?.close();
    await browser?.close();
    await lab?.stop();
    await rm(lab?.dir ?? '/nonexistent', { recursive: true, force: true });
  });

  it('opens connected, with the explorer and a terminal', async () => {
    await page.goto(lab.url);
    await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('open');
    await expect.poll(() => page.getByTestId('explorer-resource').count()).toBeGreaterThan(10);
    await page.getByTestId('terminal').waitFor();
    await shot('1-opened');
  });

  it('applies a Deployment from the editor and shows its pods running', async () => {
    await page.getByTestId('template-select').selectOption('Deployment');
    await page.getByTestId('yaml-editor').locator('.monaco-editor').waitFor();
    await page.getByTestId('apply-button').click();
    await expect.poll(() => page.getByTestId('message-bar').textContent()).toMatch(/deployment.apps\/web created/i);
    await shot('2-applied');
    await page.locator('[data-testid="view-tab"][data-view="cluster"]').click();
    const running = page.locator('[data-testid="pod-chip"][data-phase="Running"][data-pod^="web-"]');
    await expect.poll(() => running.count(), { timeout: 60_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('node-card').count()).toBe(3);
    await shot('3-cluster-running');
  });

  it('runs kubectl in the terminal against the lab', async () => {
    const terminal = page.getByTestId('terminal');
    await terminal.click();
    await page.keyboard.type('kubectl get pods -l app=web\n');
    await expect
      .poll(terminalText, { timeout: 30_000 })
      .toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE.*web-\S+\s+1\/1\s+Running/s);
    await shot('4-terminal-kubectl');
  });

  it('runs kubectl exec -it inside the terminal', async () => {
    const terminal = page.getByTestId('terminal');
    await terminal.click();
    await page.keyboard.type('kubectl exec -it deploy/web -- sh\n');
    await expect.poll(terminalText, { timeout: 30_000 }).toMatch(/exec -it deploy\/web -- sh\s*\S*# \s*$/);
    await page.keyboard.type('hostname; exit\n');
    await expect
      .poll(terminalText, { timeout: 30_000 })
      .toMatch(/# hostname; exit\s*web-[a-z0-9]+-[a-z0-9]{5}\s*root@/);
    await shot('4b-terminal-exec');
  }, 90_000);

  it('opens an object from the explorer as its live YAML', async () => {
    await page.locator('[data-testid="view-tab"][data-view="editor"]').click();
    await page.locator('[data-testid="explorer-resource"][data-resource="deployments"]').click();
    await page.locator('[data-testid="explorer-open"]').first().waitFor();
    await page.locator('[data-testid="explorer-object"][data-resource="deployments"][data-name="web"]').dblclick();
    await expect.poll(editorText).toContain('uid:');
    await expect.poll(editorText).toContain('replicas: 3');
    await shot('4c-live-yaml');
  });

  it('shows an error from the API on the line it concerns', async () => {
    await page.getByTestId('template-select').selectOption('ConfigMap');
    const editor = page.getByTestId('yaml-editor');
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('bogus: 1');
    await page.getByTestId('dry-run-button').click();
    await expect.poll(() => page.getByTestId('message-bar').textContent()).toContain('bogus');
    const marked = editor.locator('.squiggly-error');
    await expect.poll(() => marked.count()).toBeGreaterThan(0);
    await shot('4d-error-on-line');
    await page.locator('[data-testid="view-tab"][data-view="cluster"]').click();
  });

  it("opens a pod's logs", async () => {
    await page.locator('[data-testid="pod-chip"][data-pod^="web-"]').first().click();
    await page.locator('[data-testid="details-tab"][data-tab="logs"]').click();
    await expect
      .poll(() => page.getByTestId('logs-output').textContent(), { timeout: 30_000 })
      .toContain('Configuration complete; ready for start up');
    await shot('5-pod-logs');
  });

  it('explains why a pod stays Pending, per node and plugin', async () => {
    await host.result('objects.apply', {
      yaml: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: too-big',
        '  namespace: default',
        'spec:',
        '  containers:',
        '    - name: app',
        '      image: nginx',
        '      resources:',
        '        requests:',
        '          cpu: "500"',
        '',
      ].join('\n'),
    });
    const pending = page.locator('[data-testid="pod-chip"][data-pod="too-big"]');
    await expect.poll(() => pending.getAttribute('data-phase'), { timeout: 30_000 }).toBe('Pending');
    await pending.click();
    await page.locator('[data-testid="details-tab"][data-tab="scheduling"]').click();
    const explanation = page.getByTestId('scheduling-explanation');
    await expect
      .poll(() => explanation.textContent(), { timeout: 30_000 })
      .toMatch(/0\/3 nodes are available: 1 node\(s\) had untolerated taint.*2 Insufficient cpu/s);
    await expect.poll(() => explanation.getByTestId('scheduling-node').count()).toBe(3);
    await shot('6-scheduling-explanation');
  });

  it('traces a packet from a pod through the Service to a pod, hop by hop', async () => {
    await host.result('objects.apply', {
      yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
    });
    await page.locator('[data-testid="view-tab"][data-view="network"]').click();
    const endpoints = page.locator(
      '[data-testid="network-service"][data-name="web"] [data-testid="network-endpoint"][data-ready="true"]',
    );
    await expect.poll(() => endpoints.count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('network-tunnel').count()).toBe(6);
    expect(await page.getByTestId('node-network-member').count()).toBe(3);
    const webPod = page.locator('[data-testid="network-pod"][data-netns^="pod/default/web-"]').first();
    const source = (await webPod.getAttribute('data-netns'))!;
    await page.getByTestId('trace-from').selectOption(source);
    await page.getByTestId('trace-to').fill('http://web/');
    await page.getByTestId('trace-run').click();
    const result = page.getByTestId('trace-result');
    await expect.poll(() => result.getAttribute('data-phase'), { timeout: 30_000 }).toBe('Succeeded');
    expect(await result.textContent()).toContain('HTTP/1.1 200');

    const current = page.locator('[data-testid="trace-hop"][data-current="true"]');
    const hop = async () => ({
      index: Number(await current.getAttribute('data-index')),
      kind: (await current.getAttribute('data-kind')) ?? '',
      netns: (await current.getAttribute('data-namespace')) ?? '',
      text: (await current.textContent()) ?? '',
    });
    /** Steps until the current hop is what `wanted` says, and answers it. */
    const stepTo = async (wanted: (h: Awaited<ReturnType<typeof hop>>) => boolean) => {
      for (let h = await hop(); ; h = await hop()) {
        if (wanted(h)) return h;
        expect(await page.getByTestId('trace-step').isEnabled(), `no hop after ${h.index}: ${h.text}`).toBe(true);
        await page.getByTestId('trace-step').click();
        await expect.poll(async () => (await hop()).index).toBe(h.index + 1);
      }
    };
    expect(await hop()).toMatchObject({ index: 0, kind: 'socket', netns: source });

    const dnat = await stepTo((h) => h.kind === 'nat' && h.text.includes('DNAT'));
    const endpoint = /→ (\d+\.\d+\.\d+\.\d+:80)/.exec(dnat.text)?.[1];
    expect(endpoint).toBeDefined();
    await expect
      .poll(() => page.getByTestId('rules-text-match').textContent())
      .toContain(`-j DNAT --to-destination ${endpoint}`);
    const chosen = page.locator(`[data-testid="network-endpoint"][data-endpoint="${endpoint}"]`);
    await expect.poll(() => chosen.getAttribute('class')).toContain('chosen');
    await shot('7-network-dnat');

    await page.getByTestId('trace-back').click();
    expect((await hop()).index).toBe(dnat.index - 1);
    await page.getByTestId('trace-step').click();

    const deliver = await stepTo((h) => h.kind === 'deliver' && h.netns.startsWith('pod/default/web-'));
    const destination = page.locator(`[data-testid="network-pod"][data-netns="${deliver.netns}"]`);
    expect(await destination.getAttribute('data-ip')).toBe(endpoint!.split(':')[0]);
    expect(await destination.getAttribute('data-current')).toBe('true');
    await shot('8-network-deliver');
  }, 120_000);

  it('replays the request a program sent from a pod (curl in the terminal)', async () => {
    const terminal = page.getByTestId('terminal');
    await terminal.click();
    await page.keyboard.type('kubectl exec deploy/web -- curl -sI http://web/\n');
    await expect.poll(terminalText, { timeout: 30_000 }).toMatch(/curl -sI http:\/\/web\/\s*HTTP\/1\.1 200 OK/);
    const recent = page.getByTestId('trace-recent');
    await recent.focus();
    const option = recent.locator('option', { hasText: /pod\/default\/web-\S+ → tcp \S+:80: ok/ }).first();
    await expect.poll(() => option.count()).toBe(1);
    await recent.selectOption((await option.getAttribute('value'))!);
    await expect.poll(() => page.getByTestId('trace-result').textContent()).toMatch(/web-\S+: ok/);
    const kinds = await page.getByTestId('trace-hop').evaluateAll((hops) => hops.map((h) => h.dataset['kind']));
    expect(kinds).toEqual(expect.arrayContaining(['socket', 'netfilter', 'nat', 'deliver']));
    const position = async () =>
      Number(/\d+/.exec((await page.getByTestId('trace-position').textContent()) ?? '')?.[0]);
    await page.getByTestId('trace-play').click();
    await expect.poll(position, { timeout: 10_000 }).toBeGreaterThan(2);
    await page.getByTestId('trace-play').click();
    expect(await page.getByTestId('trace-play').getAttribute('data-playing')).toBe('false');
    await shot('9-network-replay');
  }, 90_000);

  it('met no page errors on the way', () => {
    expect(problems).toEqual([]);
  });
});
