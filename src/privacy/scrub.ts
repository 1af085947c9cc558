/**
 * Removes personal data from free text while keeping its sense for statistics: e-mail
 * addresses, NIK (16 digits), NIP (18 digits), phone numbers and other long numbers, and the
 * names and contacts known to belong to the person. Ticket numbers (HD-YYMMDD-NNNN), dates and
 * short numbers stay. Names can only be found when they are known (a platform display name,
 * a reporter's name): the README says so.
 */
import { mentionPattern, type Subject } from './contact';

export const PLACEHOLDER = {
  email: '[email]',
  nik: '[NIK]',
  nip: '[NIP]',
  phone: '[nomor telepon]',
  number: '[angka]',
  name: '[nama]',
  contact: '[kontak]',
} as const;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * Nine or more digits, single separators allowed between them; not inside a word or after a
 * dash (so `HD-261123-0001` stays), an optional leading `+`.
 */
const LONG_NUMBER = /(?<![\p{L}\p{N}_-])\+?\d(?:[ .\-()/]?\d){8,}(?![\p{L}\p{N}_])/gu;

function classify(match: string): string {
  const digits = match.replace(/\D/g, '');
  const phoneLike = /^\+?(?:62|0)8/.test(match.replace(/[ .\-()/]/g, ''));
  if (phoneLike && digits.length >= 9 && digits.length <= 15) return PLACEHOLDER.phone;
  if (digits.length === 16) return PLACEHOLDER.nik;
  if (digits.length === 18) return PLACEHOLDER.nip;
  return PLACEHOLDER.number;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface ScrubOptions {
  /** Names of the person (whole name and each word of 3+ letters are removed). */
  names?: readonly (string | null | undefined)[];
  /** The subject of an erasure request: their phone, e-mail and Telegram id in any form. */
  subject?: Subject;
}

/** A scrubber bound to what is known about one person (compiled once, applied to many texts). */
export function createScrubber(options: ScrubOptions = {}): (text: string) => string {
  const words = new Set<string>();
  for (const name of options.names ?? []) {
    if (!name) continue;
    const clean = name.normalize('NFC').trim();
    if (clean.length >= 3) words.add(clean);
    for (const w of clean.split(/[^\p{L}\p{N}'’]+/u)) if (w.length >= 3 && !/^\d+$/.test(w)) words.add(w);
  }
  // Longest first, so a full name goes before its parts.
  const names = [...words].sort((a, b) => b.length - a.length).map(escapeRe);
  const nameRe = names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  const subjectPattern = options.subject ? mentionPattern(options.subject) : '';
  const subjectRe = subjectPattern ? new RegExp(subjectPattern, 'gi') : null;
  return (text: string) => {
    if (typeof text !== 'string' || !text) return typeof text === 'string' ? text : '';
    let out = text.replace(EMAIL, PLACEHOLDER.email);
    if (subjectRe) out = out.replace(subjectRe, PLACEHOLDER.contact);
    out = out.replace(LONG_NUMBER, classify);
    if (nameRe) out = out.replace(nameRe, PLACEHOLDER.name);
    return out;
  };
}

/** Applies `scrub` to every string inside a JSON-like value (audit details, documents). */
export function scrubDeep<T>(value: T, scrub: (s: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, scrub);
    return out as T;
  }
  return value;
}
