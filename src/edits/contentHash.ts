// A fast pure content hash for "changed on disk since you read it": two independent 32-bit hashes and the length.
// Not cryptographic; collisions need ~2^32 tries of adversarial input, far beyond an accidental edit.

export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  const hex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');
  return `${hex(h1)}${hex(h2)}-${text.length.toString(36)}`;
}
