/**
 * Pure: a channel-neutral Reply -> the WhatsApp text messages to send, in order.
 * WhatsApp has no HTML and no working buttons for whatsapp-web.js, so: **bold** -> *bold*,
 * options -> a numbered menu (the user answers "2"; the dialogue engine maps the number back),
 * links -> "Label: url" lines. Long texts are split at 4000 characters on paragraph, line or
 * word boundaries; a bold span cut by a split is closed and reopened.
 */
import { splitText } from '../shared/split-text';
import type { Reply } from '../../src/domain/messages';

export const WHATSAPP_TEXT_LIMIT = 4000;
export const MENU_HINT = 'Balas dengan angka pilihan Anda.';

export function renderReply(reply: Reply, limit = WHATSAPP_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  if (reply.text.trim() !== '') parts.push(reply.text.trim());
  if (reply.links && reply.links.length > 0) {
    parts.push(reply.links.map((l) => `${l.label.trim()}: ${l.url}`).join('\n'));
  }
  if (reply.options && reply.options.length > 0) {
    const menu = reply.options.map((o, i) => `${i + 1}. ${o.label.trim()}`).join('\n');
    parts.push(`${menu}\n\n${MENU_HINT}`);
  }
  return splitBold(parts.join('\n\n'), limit).map(toWhatsAppBold);
}

/**
 * Splits text that still uses **bold** so that every chunk has balanced markers. Two characters
 * per chunk are kept free for a closing and a reopening marker (each rendered as one '*').
 */
function splitBold(text: string, limit: number): string[] {
  const chunks = splitText(text, Math.max(1, limit - 2));
  const out: string[] = [];
  let open = false;
  for (const chunk of chunks) {
    let c: string = open ? `**${chunk}` : chunk;
    const markers: number = (c.match(/\*\*/g) ?? []).length;
    open = markers % 2 === 1;
    if (open) c = `${c}**`;
    out.push(c);
  }
  return out;
}

/** **bold** -> *bold*. WhatsApp needs the markers next to non-space characters, so trim inside. */
function toWhatsAppBold(text: string): string {
  return text.replace(/\*\*([\s\S]+?)\*\*/g, (_m, inner: string) => {
    const trimmed = inner.trim();
    if (trimmed === '') return inner;
    const lead = inner.slice(0, inner.indexOf(trimmed));
    const trail = inner.slice(inner.indexOf(trimmed) + trimmed.length);
    return `${lead}*${trimmed}*${trail}`;
  });
}
