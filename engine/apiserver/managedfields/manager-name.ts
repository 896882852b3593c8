// Which manager a write is recorded under: the fieldManager query parameter (kubectl sends kubectl-create,
// kubectl-client-side-apply, kubectl-edit…), or else the User-Agent up to its first "/", without unprintable
// characters and cut to 128 bytes, as the API server's handlers derive it (managerOrUserAgent).

const FIELD_MANAGER_MAX_LENGTH = 128;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

export function managerFromUserAgent(userAgent: string | undefined): string {
  const prefix = (userAgent ?? '').split('/')[0] ?? '';
  let out = '';
  let bytes = 0;
  for (const char of prefix) {
    if (!PRINTABLE.test(char)) continue;
    const size = Buffer.byteLength(char);
    if (bytes + size > FIELD_MANAGER_MAX_LENGTH) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** The manager of a write: `fieldManager` when the client names one, otherwise derived from its User-Agent. */
export function fieldManagerFor(fieldManager: string | undefined, userAgent: string | undefined): string {
  return fieldManager ? fieldManager : managerFromUserAgent(userAgent);
}
