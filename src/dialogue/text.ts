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

/**
 * The option the user picked: by its number ("2", "2."), its value (what buttons send back),
 * its label, or one of its synonyms. null when nothing matches.
 */
export function pickOption<T extends Choice>(text: string, options: readonly T[]): T | null {
  const raw = text.trim();
  const num = /^(\d{1,2})\s*[.)]?$/.exec(raw);
  if (num) {
    const i = Number(num[1]) - 1;
    if (i >= 0 && i < options.length) return options[i]!;
  }
  if (options.some((o) => o.value === raw)) return options.find((o) => o.value === raw)!;
  const n = normalize(raw);
  if (!n) return null;
  return (
    options.find((o) => normalize(o.value) === n || normalize(o.label) === n || (o.synonyms ?? []).some((s) => normalize(s) === n)) ?? null
  );
}

/** Options as sent in a Reply (without synonyms). */
export function asReplyOptions(options: readonly Choice[]): ReplyOption[] {
  return options.map((o) => ({ label: o.label, value: o.value }));
}

export function truncate(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}
