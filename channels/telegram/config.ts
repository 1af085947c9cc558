/**
 * Options of the Telegram adapter. The composition root builds them (only src/config reads env)
 * and the adapter validates them before anything starts.
 */
import { z } from 'zod';

export const telegramOptionsSchema = z
  .object({
    token: z.string().regex(/^\d+:[\w-]+$/, 'token bot Telegram tidak valid (format <id>:<rahasia>)'),
    apiRoot: z.url().default('https://api.telegram.org'),
    mode: z.enum(['polling', 'webhook']).default('polling'),
    /** Public HTTPS URL Telegram posts to (webhook mode); its path is where the root mounts the handler. */
    webhookUrl: z.url().optional(),
    /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; 1-256 chars of A-Z a-z 0-9 _ -. */
    webhookSecret: z.string().regex(/^[\w-]{16,256}$/, 'webhookSecret: 16-256 karakter A-Z a-z 0-9 _ -').optional(),
    perChatIntervalMs: z.number().int().min(0).default(1000),
    globalPerSecond: z.number().positive().default(30),
    groupPerMinute: z.number().positive().default(20),
    /** Bot API downloads stop at 20 MB; larger files keep their metadata only. */
    maxDownloadBytes: z.number().int().positive().default(20 * 1024 * 1024),
    /** Polling mode: attempts to hand an update to a failing ingress before it is logged as lost. */
    acceptAttempts: z.number().int().min(1).default(8),
    acceptBackoffMs: z.number().int().min(0).default(500),
  })
  .superRefine((o, ctx) => {
    if (o.mode !== 'webhook') return;
    if (!o.webhookUrl) ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'wajib untuk mode webhook' });
    if (!o.webhookSecret) ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: 'wajib untuk mode webhook' });
  });

export type TelegramOptionsInput = z.input<typeof telegramOptionsSchema>;
export type TelegramOptions = z.output<typeof telegramOptionsSchema>;

export function parseTelegramOptions(input: TelegramOptionsInput): TelegramOptions {
  return telegramOptionsSchema.parse(input);
}
