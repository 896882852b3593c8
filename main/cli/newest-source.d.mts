// Types of newest-source.mjs, for the TypeScript that imports it.

export function newestSource(root: string, paths: readonly string[]): Promise<number>;
