/**
 * WhatsApp channel options, validated before the adapter starts. Defaults are conservative:
 * whatsapp-web.js drives a personal/business account through WhatsApp Web, and WhatsApp bans
 * accounts that send fast, in bulk, or to people who never wrote (see sender.ts).
 */
import path from 'node:path';
import { z } from 'zod';

const MB = 1024 * 1024;

export const DEFAULT_ALLOWED_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

export const whatsAppConfigSchema = z.object({
  enabled: z.boolean().default(false),
  chromiumPath: z.string().min(1).default('/usr/bin/chromium'),
  /** LocalAuth keeps the session (a Chromium profile) under dataDir/session-<clientId>. */
  dataDir: z.string().min(1).default(path.join('data', 'whatsapp-auth')),
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'hanya huruf, angka, _ dan -')
    .default('helpdesk'),
  /** Minimum gap between two messages to the same chat. */
  perChatIntervalMs: z.number().int().min(0).default(1500),
  /** Messages per rolling minute across all chats. */
  globalPerMinute: z.number().int().min(1).default(40),
  /** The same text may go to at most this many chats per window, except as a direct reply. */
  identicalTextMaxChats: z.number().int().min(1).default(5),
  identicalTextWindowMs: z.number().int().min(1000).default(10 * 60_000),
  /** A send within this time after the chat's last inbound message counts as a direct reply. */
  directReplyWindowMs: z.number().int().min(1000).default(24 * 60 * 60_000),
  reconnect: z
    .object({
      initialDelayMs: z.number().int().min(0).default(5000),
      maxDelayMs: z.number().int().min(0).default(5 * 60_000),
      /** Consecutive failed reconnects before the state becomes 'failed'. */
      maxAttempts: z.number().int().min(1).default(10),
    })
    .prefault({}),
  /** Retries of Ingress.accept on TransientError before the message is logged as lost. */
  accept: z
    .object({
      attempts: z.number().int().min(1).default(5),
      initialDelayMs: z.number().int().min(0).default(500),
    })
    .prefault({}),
  media: z
    .object({
      allowedMimeTypes: z.array(z.string().min(3)).min(1).default(DEFAULT_ALLOWED_MIME_TYPES),
      maxBytes: z.number().int().min(1).default(10 * MB),
    })
    .prefault({}),
  callReplyText: z
    .string()
    .min(1)
    .default(
      'Mohon maaf, layanan Helpdesk SPBE Kabupaten Cirebon tidak dapat menerima panggilan telepon ' +
        'melalui WhatsApp. Silakan ketik pesan Anda di sini, petugas kami akan membantu.',
    ),
  /** At most one call reply per chat in this time (a caller who retries gets one answer). */
  callReplyCooldownMs: z.number().int().min(0).default(10 * 60_000),
});

export type WhatsAppConfig = z.infer<typeof whatsAppConfigSchema>;
export type WhatsAppConfigInput = z.input<typeof whatsAppConfigSchema>;

export function parseWhatsAppConfig(input: WhatsAppConfigInput = {}): WhatsAppConfig {
  return whatsAppConfigSchema.parse(input);
}

/** Builds the options from the service's validated env config (src/config/env.ts). */
export function whatsAppConfigFromEnv(env: {
  WHATSAPP_ENABLED: boolean;
  CHROMIUM_PATH: string;
  DATA_DIR: string;
}): WhatsAppConfig {
  return parseWhatsAppConfig({
    enabled: env.WHATSAPP_ENABLED,
    chromiumPath: env.CHROMIUM_PATH,
    dataDir: path.join(env.DATA_DIR, 'whatsapp-auth'),
  });
}
