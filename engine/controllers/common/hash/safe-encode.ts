// rand.SafeEncodeString (k8s.io/apimachinery/pkg/util/rand): maps each character to one of 27 consonants and digits
// that never spell words, which is why ReplicaSet and pod names look like "web-5d8f6f9b7".

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}
