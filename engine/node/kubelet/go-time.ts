// Times as Go's time.RFC3339Nano writes them: nanosecond fraction with trailing zeros dropped, no fraction at all
// on a whole second ("2024-05-01T10:00:00.123Z", "2024-05-01T10:00:00Z") — log timestamps and config.seen.

export function rfc3339Nano(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const nanos = Math.round((ms - Math.floor(ms / 1000) * 1000) * 1e6);
  const fraction = String(nanos).padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}
