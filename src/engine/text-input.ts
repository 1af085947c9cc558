/**
 * Limits and clean-up for text people send, shared by every entry point. 4,096 characters is
 * Telegram's own message limit: whatever a Telegram user can send is accepted.
 */
export const MAX_MESSAGE_CHARS = 4096;

/**
 * Removes control characters (keeps newlines and tabs), unpaired surrogates and the
 * replacement character left by binary input; trims. Never alters normal text or emoji.
 */
export function cleanUserText(input: unknown): string {
  if (typeof input !== 'string') return '';
  return input
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
}
