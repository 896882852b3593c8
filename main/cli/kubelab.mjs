#!/usr/bin/env node
// The `kubelab` command: runs the TypeScript CLI through tsx's loader, so it works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
