/**
 * The only module that reads process.env. Validated once at start; a bad value stops the start
 * with a message naming the variable.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Public base URL (links in messages, the widget script). */
  PUBLIC_URL: optionalText,
  DATA_DIR: z.string().default('./data'),
  /** Where trained NLU models are cached (default DATA_DIR/.cache); rebuilt when faq/ changes. */
  NLU_CACHE_DIR: optionalText,
  MONGODB_URI: optionalText,
  REDIS_URL: optionalText,
  /** Prefix for every Redis key (BullMQ prefix, de-duplication keys); tests use their own. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('hd'),
  /** all: HTTP + workers in one process; api: HTTP only; worker: workers only (needs REDIS_URL). */
  PROCESS_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  /** BullMQ job lock; a killed worker's conversation is taken over after about twice this. */
  QUEUE_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  QUEUE_STALLED_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Lease of a channel's connection (Telegram poller, WhatsApp client); a dead owner's channel moves within about this. */
  CHANNEL_LEASE_MS: z.coerce.number().int().min(3000).max(120_000).default(15_000),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  /** When set, Telegram runs in webhook mode at this public URL instead of long polling. */
  TELEGRAM_WEBHOOK_URL: optionalText,
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  WHATSAPP_ENABLED: bool.default(false),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Minutes after which an abandoned flow expires. */
  FLOW_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
  /** Sites allowed to embed the web chat widget (comma-separated origins; "https://*.domain" wildcards; "*" any). */
  WEBCHAT_ALLOWED_ORIGINS: z
    .string()
    .default('https://*.cirebonkab.go.id,https://cirebonkab.go.id')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /** A web chat session ends after this many hours without a request from its widget (fractions allowed). */
  WEBCHAT_SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 90).default(24),
  /** Per client address and minute: web chat messages and files (all its sessions), new web chat streams, analyze calls. */
  LIMIT_MESSAGES_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(300),
  LIMIT_STREAMS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(120),
  LIMIT_ANALYZE_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(60),
  FAQ_DIR: optionalText,
  FLOWS_DIR: optionalText,
  /** Availability monitors (interfaces.md section 7); default flows/pemantauan.yaml of FLOWS_DIR. */
  MONITORS_FILE: optionalText,
  /** on: probe the monitors (one process holds the prober lease); off: no probing (status stays as last stored). */
  MONITORING: z
    .enum(['on', 'off', 'true', 'false', '1', '0'])
    .default('on')
    .transform((v) => v === 'on' || v === 'true' || v === '1'),
  /** Sites allowed to frame /status (CSP frame-ancestors); default: WEBCHAT_ALLOWED_ORIGINS. */
  STATUS_FRAME_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.split(',').map((o) => o.trim()).filter(Boolean))),
});

export type Config = z.infer<typeof schema>;

/** Every variable the service reads (the README's configuration table must list each one). */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof Config)[];

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Konfigurasi tidak valid:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (config.PROCESS_ROLE !== 'all' && !config.REDIS_URL) {
    throw new ConfigError(
      `PROCESS_ROLE=${config.PROCESS_ROLE} membutuhkan REDIS_URL: antrean bawaan (in-process) hanya bisa dipakai oleh satu proses.`,
    );
  }
  return config;
}
