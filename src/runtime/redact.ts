/**
 * Personal data kept out of log output: NIK (16 digits), NIP (18 digits, also written in its
 * 8-6-1-3 groups), Indonesian phone numbers (08…, +62…, 62…, with spaces or dashes) and e-mail
 * addresses, wherever they appear in a message or a field value; fields named like secrets
 * (password, token, authorization…) are hidden whole, and so are Telegram bot tokens and
 * credentials inside URLs (library errors quote request URLs). Error objects become
 * {type, message, stack, code} with the same redaction, so stacks are kept and stay clean.
 */

const NIP = /(?<![\w+])\d{8}[ .-]?\d{6}[ .-]?\d[ .-]?\d{3}(?!\w)/g;
const NIK = /(?<![\w+])\d{16}(?!\w)/g;
/** 0 / 62 / +62, then the mobile prefix 8 and 7-11 more digits, single spaces or dashes between groups. */
const PHONE = /(?<![\w+])(?:\+62|62|0)[ -]?8(?:[ -]?\d){7,11}(?![\w])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Secrets that error messages of libraries can carry: a Telegram bot token, credentials in a URL. */
const BOT_TOKEN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^\s:@/]+:[^\s@/]+@/gi;
/** Cheap pre-check: nothing to redact without 7 digits in a row or an @. */
const MAYBE = /\d{7}|\d[ .-]\d{3}|@/;

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key/i;
const HIDDEN = '[disembunyikan]';
const MAX_DEPTH = 5;

export function redactText(text: string): string {
  if (!MAYBE.test(text)) return text;
  return text
    .replace(BOT_TOKEN, '[TOKEN]')
    .replace(URL_CREDENTIALS, '$1[disembunyikan]@')
    .replace(EMAIL, '[EMAIL]')
    .replace(NIP, '[NIP]')
    .replace(NIK, '[NIK]')
    .replace(PHONE, '[TELEPON]');
}

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  cause?: unknown;
}

export function serializeError(err: Error, depth = 0): SerializedError {
  const code = (err as { code?: unknown }).code;
  const out: SerializedError = { type: err.name || err.constructor?.name || 'Error', message: redactText(String(err.message ?? '')) };
  if (err.stack) out.stack = redactText(err.stack);
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined && depth < 3) out.cause = cause instanceof Error ? serializeError(cause, depth + 1) : redactValue(cause, depth + 1);
  return out;
}

/** A copy of `value` with personal data redacted (strings, nested objects and arrays, errors). */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value, depth);
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[${value.length} byte]`;
  return redactFields(value as Record<string, unknown>, depth + 1);
}

export function redactFields(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const v = fields[key];
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? HIDDEN : redactValue(v, depth);
  }
  return out;
}
