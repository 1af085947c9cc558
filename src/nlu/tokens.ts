/**
 * The token pipeline after normalisation: drop true filler words (never intent words such as
 * tidak, belum, bisa, minta, mohon, cara, bagaimana, siapa, lupa, lama, error) and stem with
 * natural's Indonesian (Sastrawi) stemmer, cached. Both word lists come from faq/pemahaman.yaml
 * (natural's Indonesian stopword list is NOT used: it removes intent words).
 */
import { stemId } from './natural';

/** Stem of a token; placeholders (__app__) and words with digits/hyphens stay as they are. */
export function stemToken(token: string): string {
  if (token.startsWith('__') || token.startsWith('app:')) return token;
  return stemId(token);
}

export class ContentWords {
  private readonly filler: ReadonlySet<string>;

  /** `filler` words are dropped unless they are also `intent` words. */
  constructor(filler: Iterable<string>, intent: Iterable<string>) {
    const keep = new Set(intent);
    this.filler = new Set([...filler].filter((w) => !keep.has(w)));
  }

  /** Whether a token counts (it is no filler, or a filler-looking intent word). */
  isContent(token: string): boolean {
    return !this.filler.has(token);
  }

  /** Content stems of a token list: filler removed, stemmed. */
  stems(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (const t of tokens) if (this.isContent(t)) out.push(stemToken(t));
    return out;
  }
}

/** Unigrams plus adjacent bigrams ("b:tidak_bisa"). */
export function ngramFeatures(stems: readonly string[]): string[] {
  const out = stems.slice();
  for (let i = 0; i + 1 < stems.length; i++) out.push(`b:${stems[i]}_${stems[i + 1]}`);
  return out;
}
