// Types of build.mjs, for the TypeScript that imports it (kubelab start).

export interface DesktopBundles {
  outDir: string;
  /** The main process's entry (ESM). */
  main: string;
  /** The window's preload (CommonJS). */
  preload: string;
}

export function buildDesktopApp(root: string): Promise<DesktopBundles>;
