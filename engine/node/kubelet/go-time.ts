// Times as Go writes them: time.RFC3339Nano drops the fraction's trailing zeros, none at all on a whole second
// ("2024-05-01T10:00:00.123Z", "2024-05-01T10:00:00Z": config.seen); RFC3339NanoFixed keeps all nine digits
// ("2024-05-01T10:00:00.123000000Z": the timestamps of `kubectl logs --timestamps`).

function nanoFraction(ms: number): string {
  return String(Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6)).padStart(9, '0');
}

export function rfc3339Nano(ms: number): string {
  const fraction = nanoFraction(ms).replace(/0+$/, '');
  return `${new Date(Math.floor(ms)).toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

export function rfc3339NanoFixed(ms: number): string {
  return `${new Date(Math.floor(ms)).toISOString().slice(0, 19)}.${nanoFraction(ms)}Z`;
}
