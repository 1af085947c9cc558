/**
 * Validation of what officers send (bodies, query strings, path ids). Only plain JSON objects with
 * the expected fields of the expected type pass: an object where a text is expected (e.g. a NoSQL
 * operator such as {"$ne": null}), an unknown field or an over-long text is a 400 in Indonesian.
 */
import { UserInputError } from '../domain/errors';

export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_NOTE_LENGTH = 2000;

// C0/C1 control characters except tab and newline; bidi overrides that disguise text.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Normalises line ends, strips control characters, trims. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

export function bodyObject(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new UserInputError('Isi permintaan harus berupa objek JSON.');
  }
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw new UserInputError(
      `Kolom tidak dikenal: ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}.` + (allowed.length ? ` Kolom yang diterima: ${allowed.join(', ')}.` : ''),
    );
  }
  return body as Record<string, unknown>;
}

export function textField(body: Record<string, unknown>, name: string, options: { required: boolean; max: number; label?: string }): string | undefined {
  const value = body[name];
  const label = options.label ?? name;
  if (value === undefined || value === null) {
    if (options.required) throw new UserInputError(`Kolom "${label}" wajib diisi.`);
    return undefined;
  }
  if (typeof value !== 'string') throw new UserInputError(`Kolom "${label}" harus berupa teks.`);
  const text = cleanText(value);
  if (!text && options.required) throw new UserInputError(`Kolom "${label}" tidak boleh kosong.`);
  if (text.length > options.max) throw new UserInputError(`Kolom "${label}" terlalu panjang (maksimal ${options.max} karakter).`);
  return text || undefined;
}

/** Query parameters: only the listed keys, each a single plain value. */
export function queryObject(query: unknown, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (!allowed.includes(key)) throw new UserInputError(`Parameter "${key.slice(0, 40)}" tidak dikenal. Parameter yang diterima: ${allowed.join(', ') || '(tidak ada)'}.`);
    if (typeof value !== 'string') throw new UserInputError(`Parameter "${key}" harus berupa satu nilai teks.`);
    if (value.length > 200) throw new UserInputError(`Parameter "${key}" terlalu panjang.`);
    out[key] = value;
  }
  return out;
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
export const AGENCY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A whole-number query parameter (limit, offset) within bounds; `fallback` when absent. */
export function pageNumber(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d{1,7}$/.test(value) || !Number.isInteger(n) || n < min || n > max) throw new UserInputError(`Parameter "${name}" harus bilangan bulat ${min}-${max}.`);
  return n;
}
