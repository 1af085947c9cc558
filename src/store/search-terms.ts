/**
 * What an officer typed into the search box, as the store adapters use it: a ticket number (or
 * the start of one) or a few plain words. Never query syntax: operators, quotes and stars the
 * officer types are only separators.
 */
export interface SearchTerms {
  /** Upper-case start of a ticket number ("HD-261123-00"), when the text is one. */
  numberPrefix: string | null;
  /** Lower-case words of letters and digits, at most MAX_SEARCH_WORDS, each at most 40 characters. */
  words: string[];
}

export const MAX_SEARCH_WORDS = 8;

const NUMBER_START = /^hd-\d{0,6}(-\d{0,8})?$/i;

export function searchTerms(text: string): SearchTerms {
  const trimmed = text.trim();
  if (NUMBER_START.test(trimmed) && trimmed.length >= 4) return { numberPrefix: trimmed.toUpperCase(), words: [] };
  const words: string[] = [];
  for (const w of trimmed.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const word = w.slice(0, 40);
    if (!words.includes(word)) words.push(word);
    if (words.length === MAX_SEARCH_WORDS) break;
  }
  return { numberPrefix: null, words };
}
