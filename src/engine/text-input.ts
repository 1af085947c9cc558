/**
 * Limits and clean-up for text people send, shared by every entry point. 4,096 characters is
 * Telegram's own message limit: whatever a Telegram user can send is accepted.
 */
export const MAX_MESSAGE_CHARS = 4096;

/**
 * Characters that change how text is displayed without being visible: direction embeddings,
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069, the Arabic letter mark U+061C, LRM and
 * RLM U+200E/U+200F), zero-width space and non-joiner (U+200B, U+200C), word joiner and
 * invisible operators (U+2060-U+2064), and the byte order mark U+FEFF. They let a message or a
 * name look different from what it is ("berkas\u202Efdp.exe"), so they never reach the store.
 * The zero-width joiner (U+200D) is kept between emoji (family, flags) and removed elsewhere.
 */
const INVISIBLE_FORMATTING = /[\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Removes invisible formatting characters (see INVISIBLE_FORMATTING); keeps everything else. */
export function stripInvisibleFormatting(input: string): string {
  return input.replace(INVISIBLE_FORMATTING, '').replace(STRAY_ZWJ, '');
}

/**
 * Removes control characters (keeps newlines and tabs), invisible formatting characters,
 * unpaired surrogates and the replacement character left by binary input; trims. Never alters
 * normal text or emoji.
 */
export function cleanUserText(input: unknown): string {
  if (typeof input !== 'string') return '';
  return stripInvisibleFormatting(
    input
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ''),
  ).trim();
}

/** A display name from a platform (Telegram, WhatsApp): cleaned like text, on one line, at most 100 characters. */
export function cleanDisplayName(input: unknown): string | undefined {
  const clean = cleanUserText(input).replace(/\s+/g, ' ').slice(0, 100).trim();
  return clean || undefined;
}
