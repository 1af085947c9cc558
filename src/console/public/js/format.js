// @ts-check
/** Labels and formats shown to officers (Indonesian, times in Asia/Jakarta). */
import { session } from './state.js';

/** Channel id -> [label, chip class]. @type {Record<string, [string, string]>} */
export const CHANNELS = {
  webchat: ['Web', 'chip-web'],
  telegram: ['Telegram', 'chip-tg'],
  whatsapp: ['WhatsApp', 'chip-wa'],
};
/** @param {string} channel */
export const channelLabel = (channel) => (CHANNELS[channel] ?? [channel, ''])[0];
/** @param {string} channel */
export const channelChip = (channel) => (CHANNELS[channel] ?? [channel, ''])[1];

/** @type {Record<string, string>} */
export const CONVERSATION_STATES = {
  waiting: 'Menunggu petugas',
  officer: 'Ditangani petugas',
  bot: 'Dilayani bot',
  closed: 'Ditutup',
};

/** @type {Record<string, string>} */
export const SENDERS = { user: 'Pengguna', bot: 'Bot', agent: 'Petugas', system: 'Sistem' };

/** @param {number} ms */
export function fmtTime(ms) {
  return new Date(ms).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** A wall-clock duration ("5 mnt", "2 jam 10 mnt", "3 hari 4 jam"). @param {number} ms */
export function fmtDuration(ms) {
  const m = Math.max(0, Math.floor(ms / 60000));
  if (m < 60) return `${m} mnt`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} jam ${m % 60} mnt`;
  return `${Math.floor(h / 24)} hari ${h % 24} jam`;
}

/** Working minutes as officers read them. @param {number} minutes */
export function fmtWorking(minutes) {
  const m = Math.abs(Math.round(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  return `${h ? `${h} jam ` : ''}${r} mnt kerja`;
}

/** Short name of an agency (null: the general queue). @param {string | null | undefined} id */
export function agencyLabel(id) {
  if (!id) return 'Antrean umum';
  const a = session.meta?.agencies.find((x) => x.id === id);
  return a ? a.shortName : id;
}

/** @param {string | null | undefined} id */
export function statusLabel(id) {
  if (!id) return '';
  return session.meta?.statuses.find((s) => s.id === id)?.label ?? id;
}

/**
 * What to call the person of a chat: their name (Telegram first name, WhatsApp push name, the
 * name given in the chat), else a handle of the channel and the chat ("Pengunjung web #3f2a").
 * @param {{ id: string, channel: string, userName?: string | null }} c
 */
export function personLabel(c) {
  if (c.userName) return c.userName;
  const handle = `#${c.id.replace(/[^a-zA-Z0-9]/g, '').slice(0, 4)}`;
  return c.channel === 'webchat' ? `Pengunjung web ${handle}` : `Pengguna ${channelLabel(c.channel)} ${handle}`;
}
