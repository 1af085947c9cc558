// @ts-check
/**
 * The contact view (server: src/officers/contact-view.ts): one person's past chats and tickets in
 * the officer's scope, each opening its own detail. Contact details come masked; "Tampilkan kontak
 * lengkap" asks for them in full, which the server records in the audit trail. Opened from the
 * conversation and ticket details ("Lihat kontak"). The <article> is created here.
 */
import { api, messageOf } from '../api.js';
import { closeDetail, openDetail, openIdOf, registerDetail } from '../detail.js';
import { $, clear, el, focusHeading } from '../dom.js';
import { channelLabel, CONVERSATION_STATES, fmtTime } from '../format.js';
import { reloadList } from '../tabs.js';
import { showConversation } from './conversation.js';
import { showTicket } from './ticket.js';

/** @typedef {import('../types.js').ContactView} ContactView */

const KIND = 'contact';
const PAGE = 10;
const article = el('article', { id: 'contact-view', hidden: true, 'aria-labelledby': 'contact-title' });
/** What is shown for the open person: page start and whether the full contact was asked for. */
let shown = { id: '', offset: 0, full: false };

/** The detail id of a person. @param {string} channel @param {string} senderId */
const contactId = (channel, senderId) => `${channel}/${encodeURIComponent(senderId)}`;

/** @param {string} id */
async function render(id) {
  if (shown.id !== id) shown = { id, offset: 0, full: false };
  /** @type {ContactView} */
  let v;
  try {
    v = await api('GET', `/api/v1/contacts/${id}?limit=${PAGE}&offset=${shown.offset}${shown.full ? '&full=1' : ''}`);
  } catch (e) {
    clear(article);
    article.appendChild(el('h2', { id: 'contact-title', text: 'Kontak' }));
    article.appendChild(el('p', { className: 'error', role: 'alert', text: messageOf(e) }));
    return;
  }
  if (openIdOf(KIND) !== id) return;
  clear(article);
  const back = el('button', { type: 'button', className: 'btn btn-ghost btn-small back', 'data-back': true }, '← Kembali');
  back.addEventListener('click', () => {
    closeDetail();
    void reloadList();
  });
  article.appendChild(back);
  const p = v.person;
  const facts = [channelLabel(p.channel), p.contact ? `Kontak: ${p.contact}` : null, p.nip ? `NIP ${p.nip}` : null].filter(Boolean).join(' · ');
  article.appendChild(
    el('div', { className: 'detail-head' }, el('div', null, el('h2', { id: 'contact-title', text: p.name || 'Kontak tanpa nama' }), el('p', { className: 'muted', id: 'contact-facts', text: facts }))),
  );
  if (!p.full && (p.contact || p.nip || p.channel === 'whatsapp')) {
    const reveal = el('button', { type: 'button', className: 'btn btn-small', id: 'contact-reveal' }, 'Tampilkan kontak lengkap');
    reveal.addEventListener('click', () => {
      shown.full = true;
      void render(id);
    });
    article.appendChild(el('p', null, reveal, ' ', el('span', { className: 'muted', text: 'Tercatat di jejak audit.' })));
  }

  article.appendChild(el('h3', { text: `Percakapan (${v.conversationsTotal})` }));
  const chats = el('ul', { className: 'contact-list', id: 'contact-conversations' });
  if (!v.conversations.length) chats.appendChild(el('li', { className: 'muted', text: v.offset ? 'Tidak ada lagi.' : 'Tidak ada percakapan dalam cakupan Anda.' }));
  for (const c of v.conversations) {
    const open = el('button', { type: 'button', className: 'link', 'data-id': c.id }, `${channelLabel(c.channel)} · ${c.serviceName || 'Layanan belum diketahui'}`);
    open.addEventListener('click', () => void showConversation(c.id));
    chats.appendChild(
      el(
        'li',
        null,
        open,
        el('span', {
          className: 'muted',
          text: ` · mulai ${fmtTime(c.startedAt)} · pesan terakhir ${fmtTime(c.lastMessageAt)} · ${CONVERSATION_STATES[c.state] ?? c.state}${c.officerName ? ` (${c.officerName})` : ''} · ${c.agencyName || 'Antrean umum'}${c.via === 'kontak' ? ' · lewat kontak yang sama' : ''}`,
        }),
      ),
    );
  }
  article.appendChild(chats);

  article.appendChild(el('h3', { text: `Tiket (${v.ticketsTotal})` }));
  const tickets = el('ul', { className: 'contact-list', id: 'contact-tickets' });
  if (!v.tickets.length) tickets.appendChild(el('li', { className: 'muted', text: v.offset ? 'Tidak ada lagi.' : 'Tidak ada tiket dalam cakupan Anda.' }));
  for (const t of v.tickets) {
    const open = el('button', { type: 'button', className: 'link', 'data-number': t.number }, t.number);
    open.addEventListener('click', () => void showTicket(t.number));
    tickets.appendChild(
      el(
        'li',
        null,
        open,
        el('span', {
          className: 'muted',
          text: ` · ${t.statusLabel} · ${t.categoryLabel} · ${t.serviceName || 'Tanpa layanan'} · ${t.agencyName || t.agency} · ${fmtTime(t.createdAt)}${t.via === 'kontak' ? ' · lewat kontak yang sama' : ''}`,
        }),
        el('div', { text: t.summary }),
      ),
    );
  }
  article.appendChild(tickets);

  if (v.offset > 0 || v.more) {
    const prev = el('button', { type: 'button', className: 'btn btn-small', disabled: v.offset === 0 }, 'Sebelumnya');
    prev.addEventListener('click', () => {
      shown.offset = Math.max(0, shown.offset - PAGE);
      void render(id);
    });
    const next = el('button', { type: 'button', className: 'btn btn-small', disabled: !v.more }, 'Berikutnya');
    next.addEventListener('click', () => {
      shown.offset += PAGE;
      void render(id);
    });
    article.appendChild(el('p', { className: 'actions' }, prev, ' ', next));
  }
}

/** Opens the contact view of a person. @param {string} channel @param {string} senderId */
export async function showContact(channel, senderId) {
  await openDetail(KIND, contactId(channel, senderId));
  const h = document.getElementById('contact-title');
  if (h) focusHeading(h);
}

function mount() {
  if (!document.getElementById('contact-view')) $('detail-pane').appendChild(article);
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();

registerDetail({ kind: KIND, element: 'contact-view', render });
