/**
 * Masked forms of a person's contact details for screens that list people (the console's contact
 * view): enough to recognise a number or address, not enough to use it. `0812****7890`,
 * `bu***@contoh.go.id`, NIP/NIK `1990**************01`. The full values are shown only where the
 * rules allow and the viewing is audited (src/officers/contact-view.ts).
 */
import { emailKey, phoneKey } from './contact';

const stars = (n: number) => '*'.repeat(Math.max(3, n));

export function maskPhone(value: string): string {
  const key = phoneKey(value);
  const digits = key ? `0${key.slice(2)}` : value.replace(/\D/g, '');
  if (digits.length < 7) return stars(digits.length);
  return `${digits.slice(0, 4)}${stars(digits.length - 7)}${digits.slice(-3)}`;
}

export function maskEmail(value: string): string {
  const email = emailKey(value) ?? value.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at < 1) return stars(3);
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1))}${stars(local.length - 2)}${email.slice(at)}`;
}

/** A long identity number (NIK, NIP): first four and last two digits. */
export function maskIdNumber(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8) return stars(digits.length);
  return `${digits.slice(0, 4)}${stars(digits.length - 6)}${digits.slice(-2)}`;
}

/** A contact as given (phone or e-mail), masked. */
export function maskContact(value: string): string {
  return value.includes('@') ? maskEmail(value) : maskPhone(value);
}
