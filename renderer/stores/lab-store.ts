// The lab the UI shows and how it shows it: the lab's info, the connection to the host, the theme (remembered,
// defaulting to the system's), the zoom for projectors, which view the centre holds and the terminals' height.

import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { LabInfo } from '../../engine/protocol/host-api.ts';
import type { ConnectionState } from '../services/host-client.ts';
import { hostErrorOf } from '../services/host-client.ts';
import { host } from '../services/host.ts';

export type Theme = 'light' | 'dark';
export type CentreView = 'editor' | 'cluster' | 'network';

const THEME_KEY = 'kubelab.theme';
const ZOOM_KEY = 'kubelab.zoom';
const TERMINAL_KEY = 'kubelab.terminalFraction';
const ZOOM_STEPS = [0.8, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2] as const;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function initialTheme(): Theme {
  const saved = storage()?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function initialZoom(): number {
  const saved = Number(storage()?.getItem(ZOOM_KEY));
  return ZOOM_STEPS.includes(saved as (typeof ZOOM_STEPS)[number]) ? saved : 1;
}

export const useLabStore = defineStore('lab', () => {
  const info = shallowRef<LabInfo | undefined>();
  const infoError = ref('');
  const connection = ref<ConnectionState>('connecting');
  const theme = ref<Theme>(initialTheme());
  const zoom = ref(initialZoom());
  const view = ref<CentreView>('editor');
  /** The share of the centre's height the terminals get. */
  const terminalFraction = ref(Number(storage()?.getItem(TERMINAL_KEY)) || 0.35);

  watch(theme, (value) => storage()?.setItem(THEME_KEY, value));
  watch(zoom, (value) => storage()?.setItem(ZOOM_KEY, String(value)));
  watch(terminalFraction, (value) => storage()?.setItem(TERMINAL_KEY, value.toFixed(2)));

  async function start(): Promise<void> {
    const client = host();
    connection.value = client.state;
    client.onState((state) => {
      connection.value = state;
      if (state === 'open') void loadInfo();
    });
    await loadInfo();
  }

  async function loadInfo(): Promise<void> {
    try {
      info.value = await host().call('lab.info', {});
      infoError.value = '';
    } catch (failure) {
      infoError.value = hostErrorOf(failure).message;
    }
  }

  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
  }

  function zoomBy(steps: number): void {
    const index = ZOOM_STEPS.findIndex((z) => z >= zoom.value);
    const next = Math.min(Math.max((index < 0 ? 2 : index) + steps, 0), ZOOM_STEPS.length - 1);
    zoom.value = ZOOM_STEPS[next] ?? 1;
  }

  return { info, infoError, connection, theme, zoom, view, terminalFraction, start, toggleTheme, zoomBy };
});
