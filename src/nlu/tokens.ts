/**
 * The token pipeline after normalisation: drop true filler words (never intent words such as
 * tidak, belum, bisa, minta, mohon, cara, bagaimana, siapa, lupa, lama, error) and stem with
 * natural's Indonesian (Sastrawi) stemmer, cached.
 */
import { stemId } from './natural';

/** Filler only. natural's Indonesian stopword list is NOT used: it removes intent words. */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'yang', 'di', 'ke', 'dari', 'dan', 'ini', 'itu', 'nya', 'ya', 'yah', 'sih', 'dong', 'deh', 'kok', 'nih',
  'tuh', 'lah', 'kah', 'pun', 'loh', 'lho', 'kan', 'ah', 'eh', 'oh', 'hmm', 'hm', 'nah', 'wkwk', 'wkwkwk',
  'haha', 'hehe', 'hihi', 'xixi', 'the', 'pada', 'oleh', 'akan', 'atau', 'juga', 'saja', 'aja', 'kak',
  'kakak', 'gan', 'sis', 'bro', 'om', 'tante', 'mas', 'mbak', 'bapak', 'ibu', 'pak', 'bu', 'nang', 'ning',
  'ne', 'mah', 'teh', 'atuh', 'euy', 'jeh', 'sing', 'nu', 'ieu', 'sama', 'serta', 'tersebut', 'adalah',
  'ialah', 'merupakan', 'para', 'sang', 'si', 'agar', 'supaya', 'telah', 'sedang', 'kami', 'kita', 'dia',
  'mereka', 'anda', 'engkau',
]);

/**
 * Words that look like filler but carry intent for the classifiers; kept even though
 * FILLER_WORDS would drop some of them in other pipelines (documented for the tests).
 */
export const INTENT_WORDS: ReadonlySet<string> = new Set([
  'tidak', 'belum', 'bisa', 'mau', 'ingin', 'minta', 'tolong', 'tanya', 'cara', 'bagaimana', 'berapa',
  'mana', 'siapa', 'kapan', 'kenapa', 'mengapa', 'apa', 'apakah', 'lupa', 'lama', 'error', 'gagal',
  'halo', 'permisi', 'terima', 'kasih', 'status', 'petugas', 'syarat', 'link', 'alamat', 'mohon',
]);

/** Stem of a token; placeholders (__app__) and words with digits/hyphens stay as they are. */
export function stemToken(token: string): string {
  if (token.startsWith('__') || token.startsWith('app:')) return token;
  return stemId(token);
}

/** Content stems of a token list: filler removed (intent words always kept), stemmed. */
export function contentStems(tokens: readonly string[], keepFiller: ReadonlySet<string> = INTENT_WORDS): string[] {
  const out: string[] = [];
  for (const t of tokens) if (isContentWord(t, keepFiller)) out.push(stemToken(t));
  return out;
}

/** Whether contentStems keeps a token (it is no filler, or a filler-looking intent word). */
export function isContentWord(token: string, keepFiller: ReadonlySet<string> = INTENT_WORDS): boolean {
  return !FILLER_WORDS.has(token) || keepFiller.has(token);
}

/** Unigrams plus adjacent bigrams ("b:tidak_bisa"). */
export function ngramFeatures(stems: readonly string[]): string[] {
  const out = stems.slice();
  for (let i = 0; i + 1 < stems.length; i++) out.push(`b:${stems[i]}_${stems[i + 1]}`);
  return out;
}
