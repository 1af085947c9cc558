// @ts-check
/** Tabs 'Antrean' (chats waiting for a human, live) and 'Percakapan saya' (chats I hold). */
import { api } from '../api.js';
import { openIdOf } from '../detail.js';
import { showConversation } from '../detail/conversation.js';
import { announce, el } from '../dom.js';
import { channelChip, channelLabel, CONVERSATION_STATES, fmtDuration, fmtWorking, personLabel } from '../format.js';
import { onInbox } from '../live.js';
import { serverNow, syncClock } from '../state.js';
import { resetList } from '../tabs.js';
import { bumpUnseen } from '../unseen.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../types.js').ConversationSummary} ConversationSummary */

const WAITING = '/api/v1/conversations?state=waiting';
const MINE = '/api/v1/conversations?state=officer&mine=1';
/** Conversations that started waiting since the officer last opened them. @type {Set<string>} */
const fresh = new Set();

/**
 * @param {TabContext} ctx
 * @param {ConversationSummary[]} list
 * @param {string} emptyText
 */
function render(ctx, list, emptyText) {
  resetList(ctx);
  if (!list.length) ctx.empty(emptyText);
  for (const c of list) {
    const channel = channelLabel(c.channel);
    const since = c.waitingSince || c.lastMessageAt;
    const clock = el('span', { className: 'clock', 'data-since': String(since), title: 'Lama menunggu' }, fmtDuration(serverNow() - since));
    if (c.waitingWorkingMinutes !== null && c.waitingWorkingMinutes >= 15) clock.classList.add('late');
    const open = () => {
      fresh.delete(c.id);
      void showConversation(c.id);
    };
    ctx.list.appendChild(
      el(
        'li',
        { className: `item${openIdOf('conv') === c.id ? ' active' : ''}${fresh.has(c.id) ? ' fresh' : ''}`, 'data-id': c.id },
        el(
          'button',
          { type: 'button', onclick: open, 'aria-label': `Buka percakapan ${personLabel(c)} lewat ${channel}, ${c.serviceName || 'layanan belum diketahui'}` },
          el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: personLabel(c) }), clock),
          el('div', { className: 'item-sub', text: `${c.serviceName || 'Layanan belum diketahui'} · ${c.agencyName || 'Antrean umum'}` }),
          el('div', { className: 'item-last', text: c.lastMessage || '—' }),
          el(
            'div',
            { className: 'chips' },
            el('span', { className: `chip ${channelChip(c.channel)}`, text: channel }),
            el('span', { className: 'chip', text: CONVERSATION_STATES[c.state] ?? c.state }),
            c.ticket ? el('span', { className: 'chip', text: c.ticket }) : null,
            c.waitingWorkingMinutes !== null ? el('span', { className: 'chip', text: `Menunggu ${fmtWorking(c.waitingWorkingMinutes)}` }) : null,
          ),
        ),
      ),
    );
  }
}

/** @param {string} path */
async function fetchConversations(path) {
  const data = /** @type {{ conversations: ConversationSummary[], now: number }} */ (await api('GET', path));
  syncClock(data.now);
  return data.conversations;
}

/** @type {Tab} */
export const inboxTab = {
  id: 'inbox',
  label: 'Antrean',
  title: 'Antrean petugas',
  visible: (me) => me.permissions.chats,
  marksSeen: true,
  async load(ctx) {
    const list = await fetchConversations(WAITING);
    if (ctx.shown()) render(ctx, list, 'Tidak ada percakapan yang menunggu petugas.');
  },
  async count() {
    return (await fetchConversations(WAITING)).length;
  },
};

/** @type {Tab} */
export const mineTab = {
  id: 'mine',
  label: 'Percakapan saya',
  title: 'Percakapan yang saya tangani',
  visible: (me) => me.permissions.chats,
  badgeClass: 'badge-muted',
  marksSeen: true,
  async load(ctx) {
    const list = await fetchConversations(MINE);
    if (ctx.shown()) render(ctx, list, 'Belum ada percakapan yang Anda tangani.');
  },
  async count() {
    return (await fetchConversations(MINE)).length;
  },
};

// Waiting clocks tick without reloading.
setInterval(() => {
  document.querySelectorAll('.clock[data-since]').forEach((node) => {
    const c = /** @type {HTMLElement} */ (node);
    c.textContent = fmtDuration(serverNow() - Number(c.dataset.since));
  });
}, 30000);

onInbox((ev) => {
  if (ev.kind === 'waiting' && ev.conversationId) {
    fresh.add(ev.conversationId);
    announce('Percakapan baru menunggu petugas.');
  }
  if (ev.kind === 'escalation') announce(`Eskalasi: tiket ${ev.ticket} melewati target waktu.`);
  if (ev.kind === 'reporter-reply') announce(`Pelapor menanggapi tiket ${ev.ticket}; tiket kembali diproses.`);
  const important = ev.kind === 'waiting' || ev.kind === 'user-message' || ev.kind === 'escalation' || ev.kind === 'ticket-created' || ev.kind === 'reporter-reply';
  if (important && !(ev.kind === 'user-message' && ev.conversationId === openIdOf('conv'))) bumpUnseen();
});
