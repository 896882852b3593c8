// Monaco, loaded lazily so the first paint does not wait for it: the module is fetched on first use and shared; the
// cluster's schemas are handed to monaco-yaml once both are there; the theme follows the lab store.

import { shallowRef, watch } from 'vue';
import type { ShallowRef } from 'vue';
import type * as MonacoSetup from '../editor/monaco-setup.ts';
import { editorSchemas } from '../editor/schemas.ts';
import { hostErrorOf } from '../services/host-client.ts';
import { host } from '../services/host.ts';
import { useLabStore } from '../stores/lab-store.ts';

type MonacoModule = typeof MonacoSetup;

/** Every model the editor makes lives under this path, which the root schema's fileMatch names. */
export const MODEL_PATH = '/kubelab/';

let loading: Promise<MonacoModule> | undefined;
let themed = false;
const loaded = shallowRef<MonacoModule | undefined>();

function load(): Promise<MonacoModule> {
  loading ??= import('../editor/monaco-setup.ts').then((module) => {
    loaded.value = module;
    host()
      .call('api.schemas', {})
      .then(({ kinds }) => module.setSchemas(editorSchemas(kinds, [`**${MODEL_PATH}*.yaml`])))
      .catch((failure: unknown) => console.warn('no schemas for the editor:', hostErrorOf(failure).message));
    return module;
  });
  return loading;
}

/** The Monaco module once loaded (undefined until then); starts loading it. */
export function useMonaco(): ShallowRef<MonacoModule | undefined> {
  const lab = useLabStore();
  void load().then(({ monaco }) => {
    if (themed) return;
    themed = true;
    watch(
      () => lab.theme,
      (theme) => monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs'),
      { immediate: true },
    );
  });
  return loaded;
}
