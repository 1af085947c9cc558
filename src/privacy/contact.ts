/**
 * Who a privacy request is about: the contact an operator types (`--contact`), normalised so a
 * phone number matches in any usual form (0812…, +62 812…, 62812…, spaces, dashes, dots,
 * parentheses, a WhatsApp id `62812…@c.us`), an e-mail address case-insensitively, and a
 * Telegram user id exactly.
 */
import { UserInputError } from '../domain/errors';

export interface Subject {
  /** What the operator typed (trimmed). */
  input: string;
  /** Phone number as digits starting with 62, when the contact can be one. */
  phone: string | null;
  email: string | null;
  /** Telegram user id (private chat id), when the contact can be one. */
  telegramId: string | null;
}

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const SEPARATORS = /[\s().-]/g;

/**
 * A phone number in any usual Indonesian form -> `62` + national number, or null.
 * `0812 3456 7890`, `+62 812-3456-7890`, `62812…`, `812…` and `6281234567890@c.us` all give
 * `6281234567890`.
 */
export function phoneKey(value: string): string | null {
  let s = String(value).trim().replace(/@(?:c\.us|s\.whatsapp\.net)$/i, '').replace(SEPARATORS, '');
  if (s.startsWith('+')) s = s.slice(1);
  if (!/^\d+$/.test(s)) return null;
  if (s.startsWith('0')) s = `62${s.slice(1)}`;
  else if (s.startsWith('8') && s.length >= 9 && s.length <= 13) s = `62${s}`;
  return /^62\d{8,13}$/.test(s) ? s : null;
}

/** Lower-cased e-mail address, or null when `value` is not one. */
export function emailKey(value: string): string | null {
  const s = String(value).trim().toLowerCase();
  return EMAIL.test(s) ? s : null;
}

/** Parses `--contact`: a phone number, an e-mail address, or a Telegram id (`telegram:123` forces it). */
export function parseSubject(raw: string): Subject {
  const input = String(raw ?? '').trim();
  if (!input) throw new UserInputError('Kontak wajib diisi: nomor HP, alamat email, atau id Telegram.');
  if (input.length > 254) throw new UserInputError('Kontak terlalu panjang.');
  const forced = /^telegram:(\d{3,20})$/i.exec(input);
  if (forced) return { input, phone: null, email: null, telegramId: forced[1]! };
  if (input.includes('@') && !/@(?:c\.us|s\.whatsapp\.net)$/i.test(input)) {
    const email = emailKey(input);
    if (!email) throw new UserInputError(`Alamat email '${input}' tidak valid.`);
    return { input, phone: null, email, telegramId: null };
  }
  const phone = phoneKey(input);
  // A bare number without a 0/+62 prefix may be a Telegram id; a number written as a phone is not.
  const compact = input.replace(SEPARATORS, '');
  const telegramId = /^[1-9]\d{2,19}$/.test(compact) ? compact : null;
  if (!phone && !telegramId) {
    throw new UserInputError(`Kontak '${input}' tidak dikenali. Tulis nomor HP (mis. 081234567890), alamat email, atau id Telegram.`);
  }
  return { input, phone, email: null, telegramId };
}

/** True when a stored contact (phone in any form, or e-mail) is the subject's. */
export function contactMatches(stored: unknown, subject: Subject): boolean {
  if (typeof stored !== 'string' || !stored) return false;
  if (subject.email && emailKey(stored) === subject.email) return true;
  if (subject.phone && phoneKey(stored) === subject.phone) return true;
  return false;
}

/** Does a channel sender/thread id belong to the subject (a WhatsApp number, a Telegram id)? */
export function senderMatches(channel: string, senderId: unknown, subject: Subject): boolean {
  if (typeof senderId !== 'string' || !senderId) return false;
  if (channel === 'whatsapp') return !!subject.phone && phoneKey(senderId) === subject.phone;
  if (channel === 'telegram') return !!subject.telegramId && senderId === subject.telegramId;
  return false;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One regular expression (JavaScript and PCRE compatible, used case-insensitively) that finds
 * the subject in free text: the phone number with any separators and prefix, the e-mail
 * address, the Telegram id as a whole number. Used to find messages that mention the person.
 */
export function mentionPattern(subject: Subject): string {
  const parts: string[] = [];
  if (subject.phone) {
    const national = subject.phone.slice(2).split('').join('[\\s.()-]*');
    parts.push(`(?<![0-9])(?:\\+?\\s*62|0)?[\\s.()-]*${national}(?![0-9])`);
  }
  if (subject.email) parts.push(escapeRe(subject.email));
  if (subject.telegramId) parts.push(`(?<![0-9])${subject.telegramId}(?![0-9])`);
  return parts.join('|');
}
