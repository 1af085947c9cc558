/**
 * Pure: Reply -> sendMessage payloads (without chat_id). Telegram HTML: user and FAQ text is
 * escaped (&, <, >), **bold** becomes <b>; options become an inline keyboard (one button per row,
 * callback_data = the value with the question's context key (choice-data.ts), through the
 * adapter's CallbackDataMap); http(s) links become URL buttons; text over
 * 4096 characters is split on boundaries with balanced tags, the keyboard only on the last chunk.
 */
import type { Reply } from '../../src/domain/messages';
import { splitText } from '../shared/split-text';
import { packChoice } from './choice-data';

export const TELEGRAM_TEXT_LIMIT = 4096;

export type InlineButton = { text: string; callback_data: string } | { text: string; url: string };

export interface SendMessagePayload {
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: boolean };
  reply_markup?: { inline_keyboard: InlineButton[][] };
}

export interface RenderContext {
  /** Value -> callback_data of at most 64 bytes. */
  callbackData(value: string): string;
  limit?: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes, then turns **bold** into <b>bold</b>; an unmatched ** stays literal. */
export function formatText(text: string): string {
  return escapeHtml(text).replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<b>$1</b>');
}

const isButtonUrl = (url: string): boolean => /^(https?|tg):\/\//i.test(url);

export function renderReply(reply: Reply, ctx: RenderContext): SendMessagePayload[] {
  const rows: InlineButton[][] = [];
  for (const o of reply.options ?? []) rows.push([{ text: o.label, callback_data: ctx.callbackData(packChoice(o.value, reply.context)) }]);
  const textLinks: string[] = [];
  for (const l of reply.links ?? []) {
    if (isButtonUrl(l.url)) rows.push([{ text: l.label, url: l.url }]);
    else textLinks.push(`${escapeHtml(l.label)}: ${escapeHtml(l.url)}`);
  }
  const attachments = (reply.attachments ?? []).map((a) => `📎 ${escapeHtml(a.fileName ?? a.kind)}`);
  const parts = [formatText(reply.text.trim()), ...textLinks, ...attachments].filter((p) => p.length > 0);
  let html = parts.join('\n');
  if (!html) {
    if (rows.length === 0) return [];
    html = 'Silakan pilih:';
  }
  const chunks = splitText(html, ctx.limit ?? TELEGRAM_TEXT_LIMIT, { html: true });
  return chunks.map((text, i) => ({
    text,
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...(i === chunks.length - 1 && rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {}),
  }));
}

/** Plain-text fallback when Telegram rejects our HTML ("can't parse entities"). */
export function htmlToPlain(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
