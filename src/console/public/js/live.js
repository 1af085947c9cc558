// @ts-check
/**
 * The console's live connection (Server-Sent Events, /api/v1/console/stream): 'inbox' events for
 * lists and badges, 'entry' events of the watched conversation. Modules subscribe with onInbox /
 * onEntry; the stream is reopened when the watched conversation changes.
 */
import { $ } from './dom.js';
import { session } from './state.js';

/** @typedef {import('./types.js').InboxEvent} InboxEvent */
/** @typedef {import('./types.js').TranscriptEntry} TranscriptEntry */

/** @type {((ev: InboxEvent) => void)[]} */
const inboxListeners = [];
/** @type {((conversationId: string, entry: TranscriptEntry) => void)[]} */
const entryListeners = [];
/** @type {(() => void)[]} */
const expiredListeners = [];
/** @type {EventSource | null} */
let stream = null;
/** @type {string | null} */
let watching = null;

/** @param {(ev: InboxEvent) => void} fn */
export const onInbox = (fn) => void inboxListeners.push(fn);
/** @param {(conversationId: string, entry: TranscriptEntry) => void} fn */
export const onEntry = (fn) => void entryListeners.push(fn);
/** @param {() => void} fn */
export const onExpired = (fn) => void expiredListeners.push(fn);

export function disconnect() {
  if (stream) stream.close();
  stream = null;
}

/** (Re)opens the stream, watching one conversation's entries when given. @param {string | null} [conversationId] */
export function connect(conversationId = watching) {
  disconnect();
  watching = conversationId ?? null;
  if (!session.me) return;
  const url = `/api/v1/console/stream${watching ? `?watch=${encodeURIComponent(watching)}` : ''}`;
  const es = new EventSource(url);
  stream = es;
  const state = $('live-state');
  es.addEventListener('ready', () => {
    state.textContent = '● Terhubung';
    state.classList.remove('off');
  });
  es.addEventListener('inbox', (m) => {
    const ev = /** @type {InboxEvent} */ (JSON.parse(/** @type {MessageEvent} */ (m).data));
    for (const fn of inboxListeners) fn(ev);
  });
  es.addEventListener('entry', (m) => {
    const d = /** @type {{ conversationId: string, entry: TranscriptEntry }} */ (JSON.parse(/** @type {MessageEvent} */ (m).data));
    for (const fn of entryListeners) fn(d.conversationId, d.entry);
  });
  es.addEventListener('expired', () => {
    for (const fn of expiredListeners) fn();
  });
  es.onerror = () => {
    state.textContent = '● Terputus, menyambung ulang…';
    state.classList.add('off');
  };
}
