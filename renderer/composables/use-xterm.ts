// An xterm terminal in an element (xterm loaded on first use, off the first paint's path): fitted to the element whenever its size changes (a ResizeObserver), with the lab's
// theme and zoom, and disposed with the component.

import type { ITheme, Terminal } from '@xterm/xterm';
import { onBeforeUnmount, onMounted, shallowRef, watch } from 'vue';
import type { Ref } from 'vue';
import { useLabStore } from '../stores/lab-store.ts';

const DARK: ITheme = {
  background: '#1b1e24',
  foreground: '#d8dee9',
  cursor: '#d8dee9',
  selectionBackground: '#3b4252',
};
const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1f2328',
  cursor: '#1f2328',
  selectionBackground: '#c8d7f0',
};
const BASE_FONT_SIZE = 14;

export interface XtermOptions {
  /** Called once the terminal is open and fitted, with its size. */
  onReady(terminal: Terminal): void;
  onResize(cols: number, rows: number): void;
  onData(data: string): void;
}

export function useXterm(element: Ref<HTMLElement | null | undefined>, options: XtermOptions) {
  const lab = useLabStore();
  const terminal = shallowRef<Terminal | undefined>();
  let observer: ResizeObserver | undefined;
  let frame = 0;

  let unmounted = false;
  const stops: (() => void)[] = [];

  onMounted(async () => {
    // The page first connects and lists the cluster; the terminal comes once the main thread is idle.
    await new Promise((resolve) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(resolve, { timeout: 300 }) : setTimeout(resolve),
    );
    const [{ Terminal }, { FitAddon }] = await Promise.all([
      import('@xterm/xterm'),
      import('@xterm/addon-fit'),
      import('@xterm/xterm/css/xterm.css'),
    ]);
    const el = element.value;
    if (!el || unmounted) return;
    const term = new Terminal({
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: Math.round(BASE_FONT_SIZE * lab.zoom),
      theme: lab.theme === 'dark' ? DARK : LIGHT,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    const refit = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (el.offsetWidth === 0 || el.offsetHeight === 0) return;
        const before = `${term.cols}x${term.rows}`;
        fit.fit();
        if (`${term.cols}x${term.rows}` !== before) options.onResize(term.cols, term.rows);
      });
    };
    if (el.offsetWidth > 0 && el.offsetHeight > 0) fit.fit();
    term.onData(options.onData);
    observer = new ResizeObserver(refit);
    observer.observe(el);
    // Made after an await, so not bound to the component: stopped by hand on unmount.
    stops.push(
      watch(
        () => lab.theme,
        (theme) => (term.options.theme = theme === 'dark' ? DARK : LIGHT),
      ),
      watch(
        () => lab.zoom,
        (zoom) => {
          term.options.fontSize = Math.round(BASE_FONT_SIZE * zoom);
          refit();
        },
      ),
    );
    terminal.value = term;
    options.onReady(term);
  });

  onBeforeUnmount(() => {
    unmounted = true;
    for (const stop of stops) stop();
    cancelAnimationFrame(frame);
    observer?.disconnect();
    terminal.value?.dispose();
  });

  return terminal;
}
