// The error a label or field selector raises when it cannot be parsed or built. Its message is upstream's; the API
// server answers a bad `labelSelector` or `fieldSelector` query parameter with 400 BadRequest carrying it.

export class SelectorError extends Error {
  override name = 'SelectorError';
}
