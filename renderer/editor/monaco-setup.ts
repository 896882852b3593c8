// Monaco with only what the lab needs, loaded on first use: the editor's features without every language, the YAML
// tokenizer, monaco-yaml with the cluster's schemas, and the workers as files (Vite `?worker`), which the CSP allows.

import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';
import type { SchemaEntry } from './schemas.ts';

export type Monaco = typeof monaco;

window.MonacoEnvironment = {
  getWorker(_moduleId, label) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

const yaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: { enable: true, printWidth: 120 },
  isKubernetes: true,
  schemas: [],
});

/** Gives the YAML language service the cluster's schemas. */
export function setSchemas(schemas: SchemaEntry[]): void {
  void yaml.update({ schemas });
}

export { monaco };
