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
/** @type {(() => void)[]} */
const reconnectListeners = [];
/** @type {EventSource | null} */
let stream = null;
/** @type {string | null} */
let watching = null;
/** Highest transcript seq of the watched conversation already shown (the stream replays after it). */
let watchedSeq = 0;

/** @param {(ev: InboxEvent) => void} fn */
export const onInbox = (fn) => void inboxListeners.push(fn);
/** @param {(conversationId: string, entry: TranscriptEntry) => void} fn */
export const onEntry = (fn) => void entryListeners.push(fn);
/** @param {() => void} fn */
export const onExpired = (fn) => void expiredListeners.push(fn);
/** Called when the stream comes back after a break (inbox events are not replayed: reload lists). @param {() => void} fn */
export const onReconnect = (fn) => void reconnectListeners.push(fn);

/** The watched conversation's transcript is shown up to this seq (call after rendering it). @param {number} seq */
export function noteSeq(seq) {
  if (seq > watchedSeq) watchedSeq = seq;
}

export function disconnect() {
  if (stream) stream.close();
  stream = null;
}

/** (Re)opens the stream, watching one conversation's entries when given. @param {string | null} [conversationId] */
export function connect(conversationId = watching) {
  disconnect();
  if ((conversationId ?? null) !== watching) watchedSeq = 0;
  watching = conversationId ?? null;
  if (!session.me) return;
  // `after`: the stream first sends what the watched conversation got since it was loaded.
  const url = `/api/v1/console/stream${watching ? `?watch=${encodeURIComponent(watching)}&after=${encodeURIComponent(`${watching}.${watchedSeq}`)}` : ''}`;
  const es = new EventSource(url);
  stream = es;
  const state = $('live-state');
  let connected = false;
  es.addEventListener('ready', () => {
    state.textContent = '● Terhubung';
    state.classList.remove('off');
    if (connected) for (const fn of reconnectListeners) fn();
    connected = true;
  });
  es.addEventListener('inbox', (m) => {
    const ev = /** @type {InboxEvent} */ (JSON.parse(/** @type {MessageEvent} */ (m).data));
    for (const fn of inboxListeners) fn(ev);
  });
  es.addEventListener('entry', (m) => {
    const d = /** @type {{ conversationId: string, entry: TranscriptEntry }} */ (JSON.parse(/** @type {MessageEvent} */ (m).data));
    if (d.conversationId === watching && typeof d.entry.seq === 'number') noteSeq(d.entry.seq);
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
