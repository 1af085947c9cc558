// @ts-check
/**
 * The incident and monitor details (server: src/operations/incident-actions.ts): facts, public
 * updates and the internal timeline, post an update, resolve (optionally resolving every linked
 * ticket with one note), the post-incident review, the linked tickets, and the monitor's history
 * (state, availability this month against the catalog target, daily bars, last checks).
 * The <article>s are created here, so index.html needs nothing for them.
 */
import { api, messageOf } from '../api.js';
import { closeDetail, openDetail, openDetailOf, openIdOf, refreshDetail, registerDetail } from '../detail.js';
import { $, announce, clear, el, focusHeading } from '../dom.js';
import { agencyLabel, channelLabel, fmtTime } from '../format.js';
import { onInbox } from '../live.js';
import { reloadList } from '../tabs.js';
import { showTicket } from './ticket.js';

/**
 * @typedef {object} MonitorSummary
 * @property {string} service
 * @property {string} serviceName
 * @property {string} url
 * @property {number} intervalS
 * @property {'up' | 'down' | 'unknown'} status
 * @property {string | null} since
 * @property {string | null} lastCheckAt
 * @property {string | null} lastError
 * @property {number | null} lastDurationMs
 * @property {string | null} certExpiresAt
 * @property {number | null} today
 * @property {{ month: string, availability: number | null, target: number | null, met: boolean | null }} month
 */
/**
 * @typedef {MonitorSummary & {
 *   checks: { at: string, ok: boolean, statusCode: number | null, durationMs: number, error: string | null, probedBy: string }[],
 *   events: { at: string, kind: string, detail: string }[],
 *   days: { date: string, availability: number | null }[],
 *   last30Days: number | null,
 * }} MonitorHistory
 */
/**
 * @typedef {object} IncidentItem
 * @property {string} id
 * @property {string} service
 * @property {'open' | 'resolved'} state
 * @property {string} source
 * @property {string} sourceLabel
 * @property {string} title
 * @property {string} startedAt
 * @property {string} [resolvedAt]
 * @property {string[]} tickets
 * @property {string} serviceName
 * @property {string} agency
 * @property {boolean} canAct
 */
/**
 * @typedef {IncidentItem & {
 *   coAgencies: string[],
 *   resolvedBy: string | null,
 *   review: { cause: string, action: string, by: string, at: number } | null,
 *   notices: { state: string, recipients: number, doneAt: number | null },
 *   ticketResolution: { note: string } | null,
 *   timeline: { id: string, at: string, by: string, byName: string, kind: string, message: string, public: boolean }[],
 *   linkedTickets: { number: string, channel: string, status: string | null, statusLabel: string | null, linkedAt: string }[],
 *   monitor: MonitorHistory | null,
 * }} IncidentDetail
 */

export const STATE_LABELS = { up: 'Normal', down: 'Terganggu', unknown: 'Belum dipantau' };
const EVENT_LABELS = /** @type {Record<string, string>} */ ({
  dibuka: 'Dibuka (publik)',
  pembaruan: 'Pembaruan (publik)',
  selesai: 'Selesai (publik)',
  pemantauan: 'Pemantauan',
  laporan: 'Laporan ditautkan',
  pemberitahuan: 'Pelapor diberi tahu',
  tinjauan: 'Catatan pascainsiden',
});

/** @param {string | null | undefined} iso */
export const when = (iso) => (iso ? fmtTime(Date.parse(iso)) : '-');
/** "Desember 2026" from YYYY-MM. @param {string} month */
const monthName = (month) => new Date(`${month}-15T00:00:00Z`).toLocaleDateString('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** @param {number | null | undefined} v */
export const pct = (v) => (v === null || v === undefined ? '-' : `${v.toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`);

/** A card with a heading and a form built by `fields`; `submit` returns the success message. */
function formCard(
  /** @type {string} */ id,
  /** @type {string} */ title,
  /** @type {HTMLElement[]} */ fields,
  /** @type {string} */ button,
  /** @type {(form: HTMLFormElement) => Promise<string>} */ submit,
) {
  const status = el('p', { className: 'error', role: 'alert' });
  const form = el('form', { className: 'card form-card', id }, el('h3', { text: title }), ...fields, status, el('button', { type: 'submit', className: 'btn btn-primary' }, button));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.textContent = '';
    const b = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
    b.disabled = true;
    try {
      announce(await submit(form));
      await refreshDetail();
      void reloadList();
    } catch (e) {
      status.textContent = messageOf(e);
    } finally {
      b.disabled = false;
    }
  });
  return form;
}

/** @param {string} id @param {string} label @param {number} [rows] @param {boolean} [required] */
function textArea(id, label, rows = 2, required = true) {
  return [el('label', { for: id, text: label }), el('textarea', { id, rows: String(rows), maxlength: '2000', required })];
}
/** @param {HTMLFormElement} form @param {string} id */
const valueOf = (form, id) => /** @type {HTMLTextAreaElement | HTMLInputElement} */ (form.querySelector(`#${id}`)).value.trim();

/** The monitor's history as a section (also the monitor detail). @param {MonitorHistory} m */
export function monitorSection(m) {
  const month = m.month;
  const bars = el(
    'ol',
    { className: 'avail-bars', 'aria-label': `Ketersediaan harian ${m.serviceName}, 30 hari terakhir` },
    ...m.days.map((d) =>
      el('li', {
        className: `d ${d.availability === null ? 'none' : d.availability >= (month.target ?? 99) ? 'ok' : d.availability >= 90 ? 'partial' : 'bad'}`,
        title: `${d.date}: ${d.availability === null ? 'tidak ada data' : pct(d.availability)}`,
      }),
    ),
  );
  const facts = el(
    'dl',
    { className: 'facts' },
    el('dt', { text: 'Status' }),
    el('dd', { text: `${STATE_LABELS[m.status]} sejak ${when(m.since)}` }),
    el('dt', { text: 'Alamat' }),
    el('dd', { text: `${m.url} (setiap ${m.intervalS} detik)` }),
    el('dt', { text: `Ketersediaan ${monthName(month.month)}` }),
    el('dd', { text: `${pct(month.availability)} · target ${pct(month.target)}${month.met === null ? '' : month.met ? ' · tercapai' : ' · BELUM tercapai'}` }),
    el('dt', { text: '30 hari' }),
    el('dd', { text: pct(m.last30Days) }),
    el('dt', { text: 'Pemeriksaan terakhir' }),
    el('dd', { text: `${when(m.lastCheckAt)}${m.lastError ? ` · ${m.lastError}` : m.lastDurationMs !== null ? ` · ${m.lastDurationMs} ms` : ''}` }),
    m.certExpiresAt ? el('dt', { text: 'Sertifikat TLS' }) : null,
    m.certExpiresAt ? el('dd', { text: `berlaku sampai ${when(m.certExpiresAt)}` }) : null,
  );
  const checks = el(
    'table',
    { className: 'checks' },
    el('caption', { className: 'sr-only', text: 'Pemeriksaan terakhir' }),
    el('thead', null, el('tr', null, el('th', { text: 'Waktu' }), el('th', { text: 'Hasil' }), el('th', { text: 'Keterangan' }))),
    el(
      'tbody',
      null,
      ...m.checks.slice(0, 15).map((c) =>
        el('tr', { className: c.ok ? '' : 'bad' }, el('td', { text: when(c.at) }), el('td', { text: c.ok ? 'berhasil' : 'gagal' }), el('td', { text: c.error ?? `HTTP ${c.statusCode} · ${c.durationMs} ms` })),
      ),
    ),
  );
  const events = el('ol', { className: 'history' }, ...m.events.slice(0, 10).map((e) => el('li', null, el('strong', { text: e.kind === 'down' ? 'Terganggu' : e.kind === 'up' ? 'Pulih' : 'Peringatan TLS' }), el('div', { className: 'muted small', text: when(e.at) }), el('div', { text: e.detail }))));
  return el('section', { className: 'monitor', 'aria-label': `Pemantauan ${m.serviceName}` }, el('h3', { text: 'Riwayat pemantauan' }), facts, bars, el('h4', { text: 'Perubahan status' }), m.events.length ? events : el('p', { className: 'muted', text: 'Belum ada perubahan status.' }), el('h4', { text: 'Pemeriksaan terakhir' }), checks);
}

// ---- incident detail

const INCIDENT = 'incident';
const article = el('article', { id: 'incident-view', hidden: true, 'aria-labelledby': 'incident-title' });

/** @param {string} id */
async function renderIncident(id) {
  /** @type {IncidentDetail} */
  let i;
  try {
    i = await api('GET', `/api/v1/incidents/${encodeURIComponent(id)}`);
  } catch (e) {
    clear(article);
    article.appendChild(el('p', { className: 'error', role: 'alert', text: messageOf(e) }));
    return;
  }
  if (openIdOf(INCIDENT) !== id) return;
  clear(article);
  const back = el('button', { type: 'button', className: 'btn btn-ghost btn-small back', 'data-back': true }, '← Kembali');
  back.addEventListener('click', () => {
    closeDetail();
    void reloadList();
  });
  article.appendChild(back);
  article.appendChild(
    el(
      'div',
      { className: 'detail-head' },
      el('div', null, el('h2', { id: 'incident-title', text: `${i.id} · ${i.title}` }), el('p', { className: 'muted', text: `${i.serviceName} · ${agencyLabel(i.agency)} · sumber: ${i.sourceLabel}` })),
      el('span', { className: `pill ${i.state === 'open' ? 'pill-bad' : 'pill-ok'}`, id: 'incident-state', text: i.state === 'open' ? 'Terbuka' : 'Selesai' }),
    ),
  );
  article.appendChild(
    el(
      'dl',
      { className: 'facts' },
      el('dt', { text: 'Mulai' }),
      el('dd', { text: when(i.startedAt) }),
      i.resolvedAt ? el('dt', { text: 'Selesai' }) : null,
      i.resolvedAt ? el('dd', { text: `${when(i.resolvedAt)}${i.resolvedBy ? ` oleh ${i.resolvedBy}` : ''}` }) : null,
      el('dt', { text: 'Tiket tertaut' }),
      el('dd', { text: String(i.tickets.length) }),
      i.state === 'resolved' ? el('dt', { text: 'Pemberitahuan pelapor' }) : null,
      i.state === 'resolved' ? el('dd', { id: 'incident-notices', text: i.notices.state === 'done' ? `${i.notices.recipients} pelapor sudah diberi tahu` : 'sedang dikirim…' }) : null,
      i.review ? el('dt', { text: 'Penyebab' }) : null,
      i.review ? el('dd', { text: i.review.cause }) : null,
      i.review ? el('dt', { text: 'Tindakan' }) : null,
      i.review ? el('dd', { text: i.review.action }) : null,
    ),
  );
  if (i.canAct && i.state === 'open') {
    article.appendChild(
      formCard('incident-update-form', 'Pembaruan untuk publik', textArea('incident-update-text', 'Pesan (tampil di halaman status dan disampaikan bot)'), 'Kirim pembaruan', async (form) => {
        await api('POST', `/api/v1/incidents/${encodeURIComponent(i.id)}/updates`, { message: valueOf(form, 'incident-update-text') });
        return 'Pembaruan dikirim.';
      }),
    );
    const count = i.tickets.length;
    article.appendChild(
      formCard(
        'incident-resolve-form',
        'Nyatakan selesai',
        [
          ...textArea('incident-resolve-text', 'Pesan penutup (untuk publik dan setiap pelapor)'),
          el('div', { className: 'field check' }, el('input', { type: 'checkbox', id: 'incident-resolve-tickets', checked: count > 0 }), el('label', { for: 'incident-resolve-tickets', text: `Selesaikan juga ${count} tiket tertaut dengan satu catatan` })),
          ...textArea('incident-resolve-note', 'Catatan tiket (kosong: pesan penutup)', 2, false),
          ...textArea('incident-resolve-cause', 'Penyebab (catatan pascainsiden, boleh diisi nanti)', 2, false),
          ...textArea('incident-resolve-action', 'Tindakan yang dilakukan', 2, false),
        ],
        'Nyatakan selesai',
        async (form) => {
          const cause = valueOf(form, 'incident-resolve-cause');
          const action = valueOf(form, 'incident-resolve-action');
          const ticketNote = valueOf(form, 'incident-resolve-note');
          await api('POST', `/api/v1/incidents/${encodeURIComponent(i.id)}/resolve`, {
            message: valueOf(form, 'incident-resolve-text'),
            resolveTickets: /** @type {HTMLInputElement} */ (form.querySelector('#incident-resolve-tickets')).checked,
            ...(ticketNote ? { ticketNote } : {}),
            ...(cause ? { cause } : {}),
            ...(action ? { action } : {}),
          });
          return 'Insiden dinyatakan selesai; pelapor sedang diberi tahu.';
        },
      ),
    );
  }
  if (i.canAct && i.state === 'resolved') {
    article.appendChild(
      formCard('incident-review-form', i.review ? 'Ubah catatan pascainsiden' : 'Catatan pascainsiden', [...textArea('incident-review-cause', 'Penyebab'), ...textArea('incident-review-action', 'Tindakan')], 'Simpan catatan', async (form) => {
        await api('POST', `/api/v1/incidents/${encodeURIComponent(i.id)}/review`, { cause: valueOf(form, 'incident-review-cause'), action: valueOf(form, 'incident-review-action') });
        return 'Catatan pascainsiden disimpan.';
      }),
    );
  }
  article.appendChild(el('h3', { text: 'Linimasa' }));
  article.appendChild(
    el(
      'ol',
      { className: 'history', id: 'incident-timeline' },
      ...i.timeline.map((e) => el('li', { className: e.public ? '' : 'internal' }, el('strong', { text: EVENT_LABELS[e.kind] ?? e.kind }), el('div', { className: 'muted small', text: `${when(e.at)} · ${e.byName}` }), el('div', { text: e.message }))),
    ),
  );
  article.appendChild(el('h3', { text: `Tiket tertaut (${i.linkedTickets.length})` }));
  article.appendChild(
    i.linkedTickets.length
      ? el(
          'ul',
          { className: 'linked-tickets', id: 'incident-tickets' },
          ...i.linkedTickets.map((t) =>
            el('li', null, el('button', { type: 'button', className: 'btn btn-small', onclick: () => void showTicket(t.number) }, t.number), ` ${channelLabel(t.channel)} · ${t.statusLabel ?? 'tidak ditemukan'} · ${when(t.linkedAt)}`),
          ),
        )
      : el('p', { className: 'muted', text: 'Belum ada laporan warga yang ditautkan.' }),
  );
  if (i.monitor) article.appendChild(monitorSection(i.monitor));
}

/** Opens an incident. @param {string} id */
export async function showIncident(id) {
  await openDetail(INCIDENT, id);
  const h = document.getElementById('incident-title');
  if (h) focusHeading(h);
}

// ---- monitor detail

const MONITOR = 'monitor';
const monitorArticle = el('article', { id: 'monitor-view', hidden: true, 'aria-labelledby': 'monitor-title' });

/** @param {string} service */
async function renderMonitor(service) {
  /** @type {MonitorHistory} */
  let m;
  try {
    m = await api('GET', `/api/v1/monitors/${encodeURIComponent(service)}`);
  } catch (e) {
    clear(monitorArticle);
    monitorArticle.appendChild(el('p', { className: 'error', role: 'alert', text: messageOf(e) }));
    return;
  }
  if (openIdOf(MONITOR) !== service) return;
  clear(monitorArticle);
  const status = el('p', { className: 'error', role: 'alert' });
  const check = el('button', { type: 'button', className: 'btn', id: 'monitor-check' }, 'Periksa sekarang');
  check.addEventListener('click', async () => {
    status.textContent = '';
    check.disabled = true;
    try {
      await api('POST', `/api/v1/monitors/${encodeURIComponent(service)}/check`);
      announce('Pemeriksaan selesai.');
      await refreshDetail();
    } catch (e) {
      status.textContent = messageOf(e);
    } finally {
      check.disabled = false;
    }
  });
  monitorArticle.appendChild(el('div', { className: 'detail-head' }, el('div', null, el('h2', { id: 'monitor-title', text: m.serviceName }), el('p', { className: 'muted', text: m.url })), el('div', { className: 'actions' }, check)));
  monitorArticle.appendChild(status);
  monitorArticle.appendChild(monitorSection(m));
}

/** Opens a monitor's history. @param {string} service */
export async function showMonitor(service) {
  await openDetail(MONITOR, service);
  const h = document.getElementById('monitor-title');
  if (h) focusHeading(h);
}

/** Adds the two <article>s to the detail pane (once, at start). */
function mount() {
  const pane = $('detail-pane');
  if (!document.getElementById('incident-view')) pane.appendChild(article);
  if (!document.getElementById('monitor-view')) pane.appendChild(monitorArticle);
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();

registerDetail({ kind: INCIDENT, element: 'incident-view', render: renderIncident });
registerDetail({ kind: MONITOR, element: 'monitor-view', render: renderMonitor });

// What is open follows live changes (a new linked report, an update from a colleague, the monitor).
onInbox((ev) => {
  const open = openDetailOf();
  if (!open) return;
  if (open.kind === INCIDENT && ev.kind === 'incident' && (ev.incident === open.id || ev.action === 'monitor')) void refreshDetail();
  if (open.kind === MONITOR && ev.kind === 'incident' && ev.service === open.id) void refreshDetail();
});
