/** Small text helpers of the dialogue engine: normalising for matching, templates, options. */
import type { ReplyOption } from '../domain/messages';

/** Lowercase, punctuation and emoji to spaces, single spaces. For matching only, never for storing. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** true when the whole message is one of the phrases (after normalising). */
export function isOneOf(text: string, phrases: readonly string[]): boolean {
  const n = normalize(text);
  return n.length > 0 && phrases.some((p) => normalize(p) === n);
}

/** true when one of the phrases occurs in the message as whole words. */
export function containsPhrase(text: string, phrases: readonly string[]): boolean {
  const n = ` ${normalize(text)} `;
  return phrases.some((p) => {
    const q = normalize(p);
    return q.length > 0 && n.includes(` ${q} `);
  });
}

/** Replaces `{name}` with vars[name]; unknown names are left out (the loader already rejected them). */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : ''));
}

export interface Choice extends ReplyOption {
  synonyms?: readonly string[];
}

/** The words of a message after normalising, without the filler words given ("iya kirim aja" -> iya, kirim). */
export function contentWords(text: string, fillers: readonly string[] = []): string[] {
  const skip = new Set(fillers.map(normalize));
  return normalize(text)
    .split(' ')
    .filter((w) => w.length > 0 && !skip.has(w));
}

/**
 * true when the message says one of the phrases, tolerating filler words and word order:
 * every remaining word belongs to the phrases ("muhun kirim", "iya kirim aja" for [muhun, iya, kirim]).
 */
export function saysOneOf(text: string, phrases: readonly string[], fillers: readonly string[] = []): boolean {
  if (isOneOf(text, phrases)) return true;
  const words = contentWords(text, fillers);
  if (words.length === 0 || words.length > 4) return false;
  const vocabulary = new Set(phrases.flatMap((p) => normalize(p).split(' ')));
  const whole = new Set(phrases.map(normalize));
  // single words must be whole phrases ("tidak" of "tidak ada" does not say "tidak ada")
  return words.every((w) => vocabulary.has(w)) && (words.length > 1 || whole.has(words[0]!));
}

/**
 * The option the user picked: by its number ("2", "2."), its value (what buttons send back),
 * its label, or one of its synonyms; with `fillers`, also by those words in a short sentence
 * ("iya kirim aja", "muhun kirim") when they belong to exactly one option. null when nothing matches.
 */
export function pickOption<T extends Choice>(text: string, options: readonly T[], fillers?: readonly string[]): T | null {
  const raw = text.trim();
  const num = /^(\d{1,2})\s*[.)]?$/.exec(raw);
  if (num) {
    const i = Number(num[1]) - 1;
    if (i >= 0 && i < options.length) return options[i]!;
  }
  if (options.some((o) => o.value === raw)) return options.find((o) => o.value === raw)!;
  const n = normalize(raw);
  if (!n) return null;
  const exact = options.find((o) => normalize(o.value) === n || normalize(o.label) === n || (o.synonyms ?? []).some((s) => normalize(s) === n));
  if (exact || !fillers) return exact ?? null;
  const loose = options.filter((o) => saysOneOf(raw, [o.label, o.value, ...(o.synonyms ?? [])], fillers));
  return loose.length === 1 ? loose[0]! : null;
}

/** Options as sent in a Reply (without synonyms). */
export function asReplyOptions(options: readonly Choice[]): ReplyOption[] {
  return options.map((o) => ({ label: o.label, value: o.value }));
}

export function truncate(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}
