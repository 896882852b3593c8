// The one entry point to @peculiar/x509 in the engine: it installs the Reflect metadata the library's dependency
// tsyringe needs before the library itself loads (ES modules evaluate imports in order).

import './reflect-metadata.ts';

export * as x509 from '@peculiar/x509';
