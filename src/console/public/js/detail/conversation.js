// @ts-check
/** The conversation detail: transcript (live), take over / reply / hand back / close, link a ticket. */
import { api, messageOf } from '../api.js';
import { attachmentList } from '../attachments.js';
import { cannedFor } from '../canned-data.js';
import { openDetail, openIdOf, refreshDetail, registerDetail } from '../detail.js';
import { $, $button, $form, $input, $select, $textarea, announce, clear, el, fillSelect, focusHeading } from '../dom.js';
import { agencyLabel, channelLabel, CONVERSATION_STATES, fmtTime, personLabel, SENDERS } from '../format.js';
import { connect, noteSeq, onEntry, onInbox } from '../live.js';
import { me, meta, syncClock } from '../state.js';
import { refreshCounts, reloadList } from '../tabs.js';
import { markSeen } from '../unseen.js';
import { showContact } from './contact.js';

/** @typedef {import('../types.js').ConversationDetail} ConversationDetail */
/** @typedef {import('../types.js').TranscriptEntry} TranscriptEntry */

const KIND = 'conv';
/** @typedef {import('../types.js').CannedResponse} CannedResponse */
/** @type {CannedResponse[]} */
let cannedShown = [];

const error = (/** @type {string} */ text) => {
  $('conv-error').textContent = text;
};

/** @param {string} id */
async function render(id) {
  error('');
  /** @type {ConversationDetail} */
  let c;
  try {
    c = await api('GET', `/api/v1/conversations/${encodeURIComponent(id)}`);
  } catch (e) {
    error(messageOf(e));
    return;
  }
  if (openIdOf(KIND) !== id) return;
  syncClock(c.now);
  const officer = me();
  $('conv-title').textContent = `${personLabel({ id: c.id, channel: c.channel, userName: c.userName || c.identity.name })} · ${channelLabel(c.channel)}`;
  const meta = [CONVERSATION_STATES[c.state] ?? c.state, c.serviceName || 'Layanan belum diketahui', c.agencyName || 'Antrean umum'];
  if (c.officerName) meta.push(`Petugas: ${c.officerName}`);
  if (c.waitingSince && c.state === 'waiting') meta.push(`Menunggu sejak ${fmtTime(c.waitingSince)}`);
  if (c.identity.contact) meta.push(`Kontak: ${c.identity.contact}`);
  $('conv-meta').textContent = meta.join(' · ');
  contactOf = c.identity.senderId ? { channel: c.channel, senderId: c.identity.senderId } : null;
  $('conv-contact').hidden = !contactOf;
  const mine = c.state === 'officer' && c.officerId === officer.id;
  const koordinator = officer.role === 'koordinator-layanan';
  $('act-takeover').hidden = !(c.canAct && (c.state === 'waiting' || c.state === 'bot'));
  $('act-release').hidden = !(c.canAct && (mine || c.state === 'waiting' || (c.state === 'officer' && koordinator)));
  $('act-close').hidden = !(c.canAct && c.state !== 'closed' && (c.state !== 'officer' || mine || koordinator));
  $('reply-form').hidden = !mine;
  $('attach-form').hidden = !c.canAct;
  $('new-ticket-box').hidden = !c.canAct;
  prefillNewTicket(c);
  $('reply-hint').textContent = mine ? 'Bot diam selama Anda menangani percakapan ini.' : '';
  $('linked-ticket').textContent = c.linkedTicket ? `Tertaut: ${c.linkedTicket.number} (${c.linkedTicket.status})` : c.ticket ? `Tertaut: ${c.ticket}` : '';
  const ol = $('transcript');
  clear(ol);
  for (const e of c.transcript) ol.appendChild(entryNode(e));
  const last = c.transcript[c.transcript.length - 1];
  if (last && typeof last.seq === 'number') noteSeq(last.seq);
  ol.scrollTop = ol.scrollHeight;
  fillCanned(c.agency);
}

/** @param {TranscriptEntry} e */
function entryNode(e) {
  const who = e.from === 'agent' ? `Petugas${e.officerName ? ` · ${e.officerName}` : ''}` : (SENDERS[e.from] ?? e.from);
  return el(
    'li',
    { className: `msg msg-${e.from}`, 'data-entry': e.id },
    el('span', { className: 'msg-who', text: `${who} · ${fmtTime(e.at)}` }),
    e.text,
    attachmentList(e.attachments),
    e.options && e.options.length ? el('div', { className: 'msg-options', text: `Pilihan: ${e.options.map((o) => o.label).join(' | ')}` }) : null,
  );
}

/** @param {TranscriptEntry} entry */
function appendEntry(entry) {
  const ol = $('transcript');
  if (ol.querySelector(`[data-entry="${CSS.escape(entry.id)}"]`)) return;
  ol.appendChild(entryNode(entry));
  ol.scrollTop = ol.scrollHeight;
  if (entry.from === 'user') announce(`Pesan baru dari pengguna: ${entry.text.slice(0, 120)}${entry.attachments?.length ? ` (${entry.attachments.length} lampiran)` : ''}`);
}

/** @param {string | null} agency */
function fillCanned(agency) {
  const sel = $select('canned-select');
  clear(sel);
  sel.appendChild(el('option', { value: '' }, '— pilih —'));
  cannedShown = cannedFor(agency);
  cannedShown.forEach((c, i) => sel.appendChild(el('option', { value: String(i) }, `${c.title} (${agencyLabel(c.agency)})`)));
}

/**
 * @param {'takeover' | 'release' | 'close'} action
 * @param {string} [confirmText]
 */
async function act(action, confirmText) {
  const id = openIdOf(KIND);
  if (!id) return;
  if (confirmText && !window.confirm(confirmText)) return;
  error('');
  try {
    await api('POST', `/api/v1/conversations/${encodeURIComponent(id)}/${action}`);
    announce(action === 'takeover' ? 'Percakapan diambil alih. Bot berhenti menjawab.' : action === 'release' ? 'Percakapan dikembalikan ke bot.' : 'Percakapan ditutup.');
    await render(id);
    void reloadList();
    void refreshCounts();
    if (action === 'takeover') $textarea('reply-text').focus();
  } catch (e) {
    error(messageOf(e));
    await render(id);
  }
}

/** The "Buat tiket" form, prefilled from what the bot understood of the chat. @param {ConversationDetail} c */
function prefillNewTicket(c) {
  const m = meta();
  const category = $select('nt-category');
  if (!category.options.length) fillSelect(category, m.categories.map((x) => [x.id, x.label]));
  const service = $select('nt-service');
  if (!service.options.length) {
    fillSelect(service, [
      ['', 'Tanpa layanan'],
      ...m.services.map((x) => /** @type {[string, string]} */ ([x.id, x.name])).sort((a, b) => a[1].localeCompare(b[1], 'id')),
    ]);
  }
  if (prefilledFor === c.id) return;
  prefilledFor = c.id;
  if (!category.value || !m.categories.some((x) => x.id === category.value)) category.value = 'permintaan';
  service.value = c.service ?? '';
  $select('nt-priority').value = '';
  $input('nt-summary').value = c.serviceName ? `Permintaan terkait ${c.serviceName}` : '';
  $textarea('nt-description').value = '';
}
/** @type {string | null} */
let prefilledFor = null;

/** Opens a conversation (from a list). @param {string} id */
export async function showConversation(id) {
  markSeen();
  await openDetail(KIND, id);
  connect(id);
  focusHeading($('conv-title'));
}

registerDetail({ kind: KIND, element: 'conv-view', render, closed: () => connect(null) });

/** The person of the open chat, for "Lihat kontak". @type {{ channel: string, senderId: string } | null} */
let contactOf = null;
$button('conv-contact').addEventListener('click', () => {
  if (contactOf) void showContact(contactOf.channel, contactOf.senderId);
});

$('act-takeover').addEventListener('click', () => void act('takeover'));
$('act-release').addEventListener('click', () => void act('release'));
$('act-close').addEventListener('click', () => void act('close', 'Tutup percakapan ini?'));

$form('reply-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const id = openIdOf(KIND);
  if (!id) return;
  const box = $textarea('reply-text');
  const text = box.value.trim();
  if (!text) {
    error('Tulis balasan terlebih dahulu.');
    return;
  }
  const send = $button('reply-send');
  send.disabled = true;
  try {
    await api('POST', `/api/v1/conversations/${encodeURIComponent(id)}/messages`, { text });
    box.value = '';
    announce('Balasan terkirim.');
    await render(id);
  } catch (e) {
    error(messageOf(e));
  } finally {
    send.disabled = false;
    box.focus();
  }
});

$textarea('reply-text').addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    $form('reply-form').requestSubmit();
  }
});

$form('attach-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const id = openIdOf(KIND);
  const input = $input('attach-ticket');
  const ticket = input.value.trim().toUpperCase();
  if (!id || !ticket) return;
  try {
    await api('POST', `/api/v1/conversations/${encodeURIComponent(id)}/attach`, { ticket });
    input.value = '';
    announce('Tiket ditautkan.');
    await render(id);
  } catch (e) {
    error(messageOf(e));
  }
});

$form('new-ticket-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const id = openIdOf(KIND);
  if (!id) return;
  const summary = $input('nt-summary').value.trim();
  if (!summary) {
    error('Isi ringkasan tiket.');
    return;
  }
  /** @type {Record<string, string>} */
  const body = { category: $select('nt-category').value, summary };
  if ($select('nt-service').value) body.service = $select('nt-service').value;
  if ($select('nt-priority').value) body.priority = $select('nt-priority').value;
  const description = $textarea('nt-description').value.trim();
  if (description) body.description = description;
  const button = $button('nt-create');
  button.disabled = true;
  try {
    const t = /** @type {{ number: string }} */ (await api('POST', `/api/v1/conversations/${encodeURIComponent(id)}/tickets`, body));
    announce(`Tiket ${t.number} dibuat dan ditautkan ke percakapan ini.`);
    /** @type {HTMLDetailsElement} */ ($('new-ticket-box')).open = false;
    prefilledFor = null;
    await render(id);
  } catch (e) {
    error(messageOf(e));
  } finally {
    button.disabled = false;
  }
});

$select('canned-select').addEventListener('change', () => {
  const sel = $select('canned-select');
  if (sel.value === '') return;
  const c = cannedShown[Number(sel.value)];
  if (!c) return;
  const box = $textarea('reply-text');
  box.value = box.value ? `${box.value}\n${c.text}` : c.text;
  box.focus();
  sel.value = '';
});

onEntry((conversationId, entry) => {
  if (conversationId === openIdOf(KIND)) appendEntry(entry);
});

onInbox((ev) => {
  if (ev.kind === 'conversation-changed' && ev.conversationId && ev.conversationId === openIdOf(KIND)) {
    setTimeout(() => void refreshDetail(), 150);
  }
});
