// The one entry point to @peculiar/x509 in the engine: it loads the Reflect metadata polyfill the library's
// dependency tsyringe needs before the library itself (ES modules evaluate imports in order).

import 'reflect-metadata';

export * as x509 from '@peculiar/x509';
