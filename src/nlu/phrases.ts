/**
 * Finds known phrases (app names, aliases, keywords, agency names) in a token sequence:
 * greedy longest match, each token used at most once.
 */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  phrase: string;
  payloads: T[];
}

export class PhraseIndex<T> {
  private readonly map = new Map<string, T[]>();
  private maxWords = 1;

  add(phraseTokens: string[], payload: T): void {
    if (phraseTokens.length === 0) return;
    const key = phraseTokens.join(' ');
    const list = this.map.get(key) ?? [];
    if (!list.includes(payload)) list.push(payload);
    this.map.set(key, list);
    this.maxWords = Math.max(this.maxWords, phraseTokens.length);
  }

  get size(): number {
    return this.map.size;
  }

  phrases(): IterableIterator<[string, T[]]> {
    return this.map.entries();
  }

  match(tokens: readonly string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let found = false;
      for (let n = Math.min(this.maxWords, tokens.length - i); n >= 1; n--) {
        const key = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
        const payloads = this.map.get(key);
        if (payloads) {
          out.push({ start: i, end: i + n, phrase: key, payloads });
          i += n;
          found = true;
          break;
        }
      }
      if (!found) i++;
    }
    return out;
  }
}
