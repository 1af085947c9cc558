// @ts-check
/**
 * Tab 'Jejak audit' (koordinators; the server decides): who did what to what, newest first,
 * filtered by actor (officer id or e-mail, or system/anonymous), action, target and dates (WIB),
 * a page at a time. Personal data in the events comes masked from the server.
 * Server: GET /api/v1/audit.
 */
import { api, messageOf, query } from '../api.js';
import { clear, el } from '../dom.js';
import { fmtTime } from '../format.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../account-types.js').AuditEvent} AuditEvent */
/** @typedef {import('../account-types.js').AuditPage} AuditPage */

/** @type {Record<string, string>} what the actions written today mean */
export const ACTIONS = {
  'auth.login': 'Masuk ke konsol',
  'auth.login-failed': 'Gagal masuk',
  'auth.logout': 'Keluar dari konsol',
  'contact.view': 'Kontak lengkap dilihat',
  'ticket.reporter-view': 'Kontak pelapor tiket dilihat lengkap',
  'officer.create': 'Akun petugas dibuat',
  'officer.update': 'Peran/instansi petugas diubah',
  'officer.deactivate': 'Akun petugas dinonaktifkan',
  'officer.activate': 'Akun petugas diaktifkan',
  'officer.password': 'Kata sandi petugas diganti',
  'conversation.takeover': 'Percakapan diambil alih',
  'conversation.reply': 'Balasan petugas',
  'conversation.release': 'Percakapan dikembalikan ke bot',
  'conversation.close': 'Percakapan ditutup',
  'conversation.attach': 'Percakapan ditautkan ke tiket',
  'conversation.waiting-ticket': 'Tiket dari antrean yang terlalu lama',
  'ticket.status': 'Status tiket diubah',
  'ticket.note': 'Catatan tiket',
  'ticket.reassign': 'Tiket dialihkan',
  'ticket.escalate': 'Eskalasi tiket',
  'canned.create': 'Balasan cepat dibuat',
  'canned.update': 'Balasan cepat diubah',
  'canned.delete': 'Balasan cepat dihapus',
  'telegram.code': 'Kode pendaftaran grup Telegram',
  'telegram.register': 'Grup Telegram didaftarkan',
  'telegram.unregister': 'Grup Telegram dilepas',
  'incident.open': 'Insiden dibuka',
  'incident.update': 'Kabar insiden',
  'incident.resolve': 'Insiden diselesaikan',
  'incident.review': 'Tinjauan insiden',
  'monitor.check': 'Pemeriksaan layanan',
  'knowledge.draft': 'Draf FAQ',
  'knowledge.update': 'FAQ diubah',
  'knowledge.publish': 'FAQ diterbitkan',
  'knowledge.withdraw': 'FAQ ditarik',
};
const PAGE = 50;
let offset = 0;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const value = (id) => /** @type {HTMLInputElement} */ (byId(id)).value.trim();

/** @param {string} id @param {string} text @param {HTMLElement} control */
const field = (id, text, control) => el('div', { className: 'field' }, el('label', { for: id, text }), control);

/** @param {TabContext} ctx */
function setup(ctx) {
  const actions = el('datalist', { id: 'audit-actions' });
  for (const [id, label] of Object.entries(ACTIONS)) actions.appendChild(el('option', { value: id }, label));
  const filters = el(
    'form',
    { className: 'report-filters', id: 'audit-filters' },
    field('audit-actor', 'Pelaku (e-mail/id petugas, system)', el('input', { id: 'audit-actor', autocomplete: 'off', maxlength: '200' })),
    field('audit-action', 'Tindakan', el('input', { id: 'audit-action', list: 'audit-actions', autocomplete: 'off', maxlength: '64', placeholder: 'mis. officer.deactivate' })),
    field('audit-target', 'Sasaran', el('input', { id: 'audit-target', autocomplete: 'off', maxlength: '200', placeholder: 'ticket:HD-…, officer:…' })),
    field('audit-from', 'Dari tanggal', el('input', { id: 'audit-from', type: 'date' })),
    field('audit-to', 'Sampai tanggal', el('input', { id: 'audit-to', type: 'date' })),
    el('button', { type: 'submit', className: 'btn btn-primary', id: 'audit-apply' }, 'Terapkan'),
    el('button', { type: 'reset', className: 'btn btn-ghost' }, 'Atur ulang'),
    actions,
  );
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    offset = 0;
    void auditTab.load(ctx);
  });
  filters.addEventListener('reset', () => {
    offset = 0;
    setTimeout(() => void auditTab.load(ctx), 0);
  });
  ctx.page.appendChild(filters);
  ctx.page.appendChild(el('p', { className: 'muted small', text: 'Data pribadi (nomor telepon, e-mail warga, NIK/NIP) ditampilkan tersamar.' }));
  ctx.page.appendChild(el('p', { className: 'error', role: 'alert', id: 'audit-error' }));
  ctx.page.appendChild(
    el(
      'table',
      { className: 'checks', id: 'audit-table' },
      el('thead', null, el('tr', null, el('th', { scope: 'col', text: 'Waktu' }), el('th', { scope: 'col', text: 'Pelaku' }), el('th', { scope: 'col', text: 'Tindakan' }), el('th', { scope: 'col', text: 'Sasaran' }), el('th', { scope: 'col', text: 'Rincian' }))),
      el('tbody', { id: 'audit-rows' }),
    ),
  );
  ctx.page.appendChild(el('div', { className: 'pager', id: 'audit-pager' }));
}

/** @param {AuditEvent} e */
function row(e) {
  const details = e.details && Object.keys(e.details).length ? JSON.stringify(e.details) : '';
  return el(
    'tr',
    { 'data-action': e.action },
    el('td', { text: fmtTime(e.at) }),
    el('td', null, e.actorName ? el('div', { text: e.actorName }) : null, el('div', { className: 'muted small', text: e.actor })),
    el('td', null, ACTIONS[e.action] ? el('div', { text: ACTIONS[e.action] }) : null, el('code', { className: 'small audit-action', text: e.action })),
    el('td', { text: e.target }),
    el('td', { className: 'small', text: details }),
  );
}

/** @type {Tab} */
export const auditTab = {
  id: 'audit',
  label: 'Jejak audit',
  layout: 'page',
  // The server allows the koordinators (src/officers/scope.ts canReadAudit).
  visible: (officer) => officer.role === 'koordinator-layanan' || officer.role === 'koordinator-pemulihan',
  setup,
  reloadOn: () => false,
  async load(ctx) {
    byId('audit-error').textContent = '';
    const params = { actor: value('audit-actor'), action: value('audit-action'), target: value('audit-target'), from: value('audit-from'), to: value('audit-to'), limit: PAGE, offset };
    /** @type {AuditPage} */
    let page;
    try {
      page = await api('GET', `/api/v1/audit${query(params)}`);
    } catch (err) {
      byId('audit-error').textContent = messageOf(err);
      return;
    }
    if (!ctx.shown()) return;
    const rows = byId('audit-rows');
    clear(rows);
    if (!page.events.length) rows.appendChild(el('tr', null, el('td', { colspan: '5', className: 'muted', text: 'Tidak ada catatan yang cocok.' })));
    for (const e of page.events) rows.appendChild(row(e));
    const pager = byId('audit-pager');
    clear(pager);
    if (page.events.length) pager.appendChild(el('span', { className: 'muted small', text: `Catatan ${page.offset + 1}–${page.offset + page.events.length}` }));
    if (page.offset > 0) pager.appendChild(el('button', { type: 'button', className: 'btn btn-small', onclick: () => ((offset = Math.max(0, offset - PAGE)), void auditTab.load(ctx)) }, 'Lebih baru'));
    if (page.hasMore) pager.appendChild(el('button', { type: 'button', className: 'btn btn-small', onclick: () => ((offset += PAGE), void auditTab.load(ctx)) }, 'Lebih lama'));
  },
};
