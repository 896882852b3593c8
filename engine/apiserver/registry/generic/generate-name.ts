// Names for objects created with metadata.generateName: the prefix (cut to leave room) plus five random characters
// from the alphabet Kubernetes uses (no vowels, no look-alike digits), as names.SimpleNameGenerator does.

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const RANDOM_LENGTH = 5;
const MAX_NAME_LENGTH = 63;
const MAX_PREFIX_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

export function generateName(prefix: string, random: () => number = Math.random): string {
  let suffix = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) suffix += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return prefix.slice(0, MAX_PREFIX_LENGTH) + suffix;
}
