// @ts-check
/**
 * The ticket detail: facts, SLA clocks, survey, internal notes, assignment, priority, status
 * change, reassignment, history.
 */
import { api, messageOf } from '../api.js';
import { attachmentList } from '../attachments.js';
import { openDetail, openIdOf, refreshDetail, registerDetail } from '../detail.js';
import { $, $form, $select, $textarea, announce, clear, el, fillSelect, focusHeading } from '../dom.js';
import { agencyLabel, channelLabel, fmtTime, fmtWorking, statusLabel } from '../format.js';
import { onInbox } from '../live.js';
import { me, meta } from '../state.js';
import { reloadList } from '../tabs.js';
import { showContact } from './contact.js';

/** @typedef {import('../types.js').TicketView} TicketView */
/** @typedef {import('../types.js').SlaClock} SlaClock */
/** @typedef {import('../types.js').TicketHistoryItem} TicketHistoryItem */
/** @typedef {import('../types.js').AssignableOfficer} AssignableOfficer */

const KIND = 'ticket';

const error = (/** @type {string} */ text) => {
  $('ticket-error').textContent = text;
};

/**
 * @param {string} label
 * @param {SlaClock} clock
 * @param {boolean} paused
 */
function slaBox(label, clock, paused) {
  let value;
  if (clock.metAt) value = `${clock.breached ? 'Tercapai terlambat · ' : 'Tercapai · '}${fmtTime(clock.metAt)}`;
  else if (paused) value = 'Jeda (menunggu pelapor)';
  else value = `${clock.remainingMinutes < 0 ? 'Terlambat ' : 'Sisa '}${fmtWorking(clock.remainingMinutes)}`;
  return el(
    'div',
    { className: `sla-box${clock.breached && !clock.metAt ? ' late' : ''}${paused && !clock.metAt ? ' paused' : ''}` },
    el('div', { className: 'sla-label', text: `${label} · batas ${fmtTime(clock.dueAt)}` }),
    el('div', { className: 'sla-value', text: value }),
  );
}

/** @param {TicketHistoryItem} item */
function historyText(item) {
  switch (item.action) {
    case 'status':
      return `Status: ${item.from} → ${item.to}`;
    case 'dialihkan':
      return `Dialihkan: ${agencyLabel(item.from)} → ${agencyLabel(item.to)}`;
    case 'eskalasi':
      return `Eskalasi: ${item.to}`;
    case 'survei':
      return 'Penilaian pelapor';
    case 'catatan':
      return 'Catatan internal (tidak dikirim ke pelapor)';
    case 'penugasan':
      return item.to ? `Ditugaskan kepada ${item.toName || item.to}` : `Penugasan dilepas${item.fromName ? ` (${item.fromName})` : ''}`;
    case 'prioritas':
      return `Prioritas: ${item.from} → ${item.to}`;
    case 'tanggapan':
      return 'Tanggapan pelapor';
    default:
      return 'Tiket dibuat';
  }
}

/** @param {string} number */
async function render(number) {
  error('');
  /** @type {TicketView} */
  let t;
  try {
    t = await api('GET', `/api/v1/tickets/${encodeURIComponent(number)}`);
  } catch (e) {
    error(messageOf(e));
    return;
  }
  if (openIdOf(KIND) !== number) return;
  $('ticket-title').textContent = `${t.number} · ${t.categoryLabel}`;
  $('ticket-meta').textContent = `${t.serviceName || 'Tanpa layanan'} · ${t.agencyName || t.agency}${t.coAgencyNames.length ? ` (bersama ${t.coAgencyNames.join(', ')})` : ''} · dibuat ${fmtTime(t.createdAt)}`;
  $('ticket-status').textContent = t.statusLabel;
  // The reporter's details are withheld from roles that do not see them (empty sender id).
  contactOf = t.reporter.senderId && me().permissions.chats ? { channel: t.reporter.channel, senderId: t.reporter.senderId } : null;
  $('ticket-contact').hidden = !contactOf;
  const facts = $('ticket-facts');
  clear(facts);
  /** @param {string} k @param {string | null | undefined} v */
  const add = (k, v) => {
    if (!v) return;
    facts.appendChild(el('dt', { text: k }));
    facts.appendChild(el('dd', { text: v }));
  };
  add('Ringkasan', t.summary);
  add('Uraian', t.description);
  add('Prioritas', t.priorityLabel || t.priority);
  add('Ditugaskan kepada', t.assigneeName || (t.assignee ? t.assignee : 'Belum ditugaskan'));
  /** @param {TicketView['reporter']} r */
  const reporterText = (r) => [r.name, r.contact, r.nip ? `NIP ${r.nip}` : null, channelLabel(r.channel)].filter(Boolean).join(' · ');
  add('Pelapor', reporterText(t.reporter));
  // Contact and NIP come masked; the full values are fetched on request (the viewing is audited).
  if (t.reporter.contact || t.reporter.nip) {
    const dd = /** @type {HTMLElement} */ (facts.lastElementChild);
    const reveal = el('button', { type: 'button', className: 'link-button', text: 'Tampilkan kontak lengkap' });
    reveal.addEventListener('click', async () => {
      try {
        /** @type {TicketView} */
        const full = await api('GET', `/api/v1/tickets/${encodeURIComponent(number)}?full=1`);
        dd.textContent = reporterText(full.reporter);
      } catch (e) {
        error(messageOf(e));
      }
    });
    dd.appendChild(document.createTextNode(' '));
    dd.appendChild(reveal);
  }
  add('Eskalasi', t.sla.escalated.join(', '));
  const files = attachmentList(t.attachments);
  if (files) {
    facts.appendChild(el('dt', { text: 'Lampiran' }));
    facts.appendChild(el('dd', null, files));
  }
  const sla = $('ticket-sla');
  clear(sla);
  sla.appendChild(slaBox('Tanggapan pertama', t.slaState.response, false));
  sla.appendChild(slaBox('Penyelesaian', t.slaState.resolution, t.slaState.paused));
  const sv = $('ticket-survey');
  clear(sv);
  if (t.survey) {
    const r = t.survey.rating;
    sv.appendChild(
      el(
        'p',
        null,
        el('strong', { text: 'Penilaian pelapor: ' }),
        el('span', { className: 'stars', 'aria-label': `${r} dari 5`, text: '★★★★★'.slice(0, r) + '☆☆☆☆☆'.slice(0, 5 - r) }),
        ` ${r}/5${t.survey.comment ? ` — "${t.survey.comment}"` : ''}`,
      ),
    );
  } else if (t.status === 'selesai' || t.status === 'ditutup') {
    sv.appendChild(el('p', { className: 'muted', text: 'Pelapor belum memberi penilaian.' }));
  }
  fillSelect(
    $select('status-select'),
    t.allowedNext.map((s) => [s, statusLabel(s)]),
  );
  $('status-form').hidden = !t.canAct || t.allowedNext.length === 0;
  $('note-form').hidden = !t.canAct;
  $('priority-form').hidden = !t.canAct;
  $select('priority-select').value = t.priority;
  const final = t.status === 'ditutup' || t.status === 'ditolak';
  $('assign-form').hidden = !t.canAct || final;
  $('assign-current').textContent = t.assignee ? `Saat ini: ${t.assigneeName || t.assignee}` : 'Belum ditugaskan kepada petugas.';
  if (t.canAct && !final) void fillAssignees(t);
  $('reassign-form').hidden = !t.canReassign || t.status === 'ditutup' || t.status === 'ditolak';
  const h = $('ticket-history');
  clear(h);
  for (const item of t.history) {
    h.appendChild(
      el(
        'li',
        { className: item.action === 'eskalasi' ? 'esc' : item.action === 'tanggapan' ? 'reply' : item.action === 'catatan' ? 'internal' : '' },
        el('strong', { text: historyText(item) }),
        el('div', { className: 'muted small', text: `${fmtTime(item.at)} · oleh ${item.byName || (item.by === 'system' ? 'sistem' : item.by)}` }),
        item.note ? el('div', { text: item.note }) : null,
        attachmentList(item.attachments),
      ),
    );
  }
}

/** The officers the ticket can be assigned to, the current one selected. @param {TicketView} t */
async function fillAssignees(t) {
  const sel = $select('assign-officer');
  try {
    const data = /** @type {{ officers: AssignableOfficer[] }} */ (await api('GET', `/api/v1/tickets/${encodeURIComponent(t.number)}/assignees`));
    if (openIdOf(KIND) !== t.number) return;
    const self = me();
    fillSelect(sel, [
      ['', '— tidak ada —'],
      ...data.officers.map((o) => /** @type {[string, string]} */ ([o.id, `${o.name}${o.id === self.id ? ' (saya)' : ''} · ${o.roleLabel} · ${agencyLabel(o.agency)}`])),
    ]);
    // A live re-render must not undo the officer's own choice made while the list was loading.
    const chosen = sel.dataset.chosenFor === t.number ? sel.dataset.chosen : undefined;
    sel.value = chosen !== undefined && (chosen === '' || data.officers.some((o) => o.id === chosen)) ? chosen : (t.assignee ?? '');
  } catch (e) {
    error(messageOf(e));
  }
}

/**
 * Sends a change of the open ticket, then shows it again.
 * @param {string} method @param {string} suffix @param {unknown} body @param {string} done
 */
async function changeOpen(method, suffix, body, done) {
  const number = openIdOf(KIND);
  if (!number) return false;
  error('');
  try {
    await api(method, `/api/v1/tickets/${encodeURIComponent(number)}/${suffix}`, body);
    announce(done);
    await render(number);
    void reloadList();
    return true;
  } catch (e) {
    error(messageOf(e));
    return false;
  }
}

/** Opens a ticket (from a list). @param {string} number */
export async function showTicket(number) {
  await openDetail(KIND, number);
  focusHeading($('ticket-title'));
}

/** Fills the agencies of the reassignment form (after log-in). */
export function setupTicketDetail() {
  fillSelect(
    $select('reassign-agency'),
    meta().agencies.map((a) => [a.id, a.name]),
  );
}

registerDetail({ kind: KIND, element: 'ticket-view', render });

/** The reporter of the open ticket, for "Lihat kontak". @type {{ channel: string, senderId: string } | null} */
let contactOf = null;
$('ticket-contact').addEventListener('click', () => {
  if (contactOf) void showContact(contactOf.channel, contactOf.senderId);
});

$form('status-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const number = openIdOf(KIND);
  if (!number) return;
  /** @type {{ status: string, note?: string }} */
  const body = { status: $select('status-select').value };
  const note = $textarea('status-note').value.trim();
  if (note) body.note = note;
  try {
    await api('PATCH', `/api/v1/tickets/${encodeURIComponent(number)}`, body);
    $textarea('status-note').value = '';
    announce('Status tiket diperbarui dan dikirim ke pelapor.');
    await render(number);
    void reloadList();
  } catch (e) {
    error(messageOf(e));
  }
});

$form('note-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = $textarea('note-text').value.trim();
  if (!text) {
    error('Tulis catatan internal terlebih dahulu.');
    return;
  }
  if (await changeOpen('POST', 'notes', { text }, 'Catatan internal disimpan (tidak dikirim ke pelapor).')) $textarea('note-text').value = '';
});

$select('assign-officer').addEventListener('change', () => {
  const sel = $select('assign-officer');
  sel.dataset.chosenFor = openIdOf(KIND) ?? '';
  sel.dataset.chosen = sel.value;
});

$form('assign-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const sel = $select('assign-officer');
  const officerId = sel.value || null;
  delete sel.dataset.chosenFor; // from now on the ticket's own assignee is what the list shows
  await changeOpen('POST', 'assign', { officerId }, officerId ? 'Tiket ditugaskan.' : 'Penugasan dilepas.');
});

$form('priority-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  await changeOpen('PATCH', 'priority', { priority: $select('priority-select').value }, 'Prioritas diubah.');
});

$form('reassign-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const number = openIdOf(KIND);
  if (!number) return;
  const reason = $textarea('reassign-reason').value.trim();
  if (!reason) {
    error('Isi alasan pengalihan.');
    return;
  }
  try {
    await api('POST', `/api/v1/tickets/${encodeURIComponent(number)}/reassign`, { agency: $select('reassign-agency').value, reason });
    $textarea('reassign-reason').value = '';
    announce('Tiket dialihkan.');
    await render(number);
    void reloadList();
  } catch (e) {
    error(messageOf(e));
  }
});

onInbox((ev) => {
  if (ev.ticket && ev.ticket === openIdOf(KIND)) setTimeout(() => void refreshDetail(), 150);
});
