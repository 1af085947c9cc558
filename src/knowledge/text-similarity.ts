/**
 * Similarity of two questions after the NLU's normaliser (Understanding.normalized: lowercase,
 * chat spellings and regional words mapped, typos of domain words corrected): a weighted cosine
 * of their word sets where function words count little. Used to match a message to published
 * FAQ entries and to group knowledge gaps. A stand-in until the NLU offers a matching function
 * of its own (src/nlu/index.ts); the callers depend only on `similarity` and `wordVector`.
 */

/** Question and function words: present in most questions, they say little about the topic. */
const LIGHT_WORDS = new Set([
  'apa', 'apakah', 'bagaimana', 'gimana', 'kenapa', 'mengapa', 'kapan', 'dimana', 'mana', 'siapa', 'berapa', 'cara', 'caranya',
  'yang', 'di', 'ke', 'dari', 'dan', 'atau', 'itu', 'ini', 'untuk', 'buat', 'dengan', 'pada', 'dalam', 'juga', 'lagi', 'masih',
  'saya', 'aku', 'kami', 'kita', 'anda', 'mau', 'ingin', 'bisa', 'dapat', 'boleh', 'tidak', 'belum', 'sudah', 'ada', 'akan',
  'tolong', 'mohon', 'min', 'admin', 'kak', 'pak', 'bu', 'ya', 'dong', 'sih', 'nih', 'kah', 'kalau', 'jadi', 'harus', 'perlu',
  'halo', 'hai', 'selamat', 'pagi', 'siang', 'sore', 'malam', 'terima', 'kasih', 'nya', 'tanya', 'info', 'informasi',
]);
const LIGHT_WEIGHT = 0.2;

export type WordVector = Map<string, number>;

/** Words of a normalised text with their weights (length 1 words are dropped). */
export function wordVector(normalized: string): WordVector {
  const v: WordVector = new Map();
  for (const raw of normalized.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) {
    if (raw.length < 2) continue;
    const word = raw.length > 5 && raw.endsWith('nya') ? raw.slice(0, -3) : raw;
    v.set(word, LIGHT_WORDS.has(word) ? LIGHT_WEIGHT : 1);
  }
  return v;
}

/** 0..1: 1 for the same content words. */
export function similarity(a: WordVector, b: WordVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
