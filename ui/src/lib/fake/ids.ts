// Identifiers and digests for fake records: UUID-shaped, deterministic enough for tests.

let counter = 0;

export function newId(): string {
  counter += 1;
  const t = Date.now().toString(16).padStart(12, '0').slice(-12);
  const c = counter.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(0, 12)}`;
}

/** A 64-hex-digit stand-in for a file's SHA-256 (FNV-1a over the text, stretched). */
export function fakeSha256(text: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}
