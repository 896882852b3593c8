// Module hooks for bundle.test.ts: `import 'electron'` resolves to electron-stub.mjs (registered with
// module.register from a `node --import` of the test's making).

export async function resolve(specifier, context, next) {
  if (specifier !== 'electron') return next(specifier, context);
  return { url: new URL('./electron-stub.mjs', import.meta.url).href, shortCircuit: true };
}
