// The values the crash test's writer stores: `<tag>|` followed by a run of "x" whose length the tag determines, so
// the parent can tell an acknowledged value from garbage. A tag is `r<round>w<writer>s<sequence>`.

const TAG = /^r\d+w\d+s(\d+)$/;

export function expectedValue(tag: string): string {
  const match = TAG.exec(tag);
  if (!match) throw new Error(`not a writer tag: ${tag}`);
  return `${tag}|${'x'.repeat((Number(match[1]) * 131) % 3000)}`;
}

/** Whether a stored value is exactly one the writer could have written. */
export function isWriterValue(value: string): boolean {
  const tag = value.slice(0, value.indexOf('|'));
  return TAG.test(tag) && value === expectedValue(tag);
}
