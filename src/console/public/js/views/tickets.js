// @ts-check
/** Tab 'Tiket': tickets in scope with filters (status, category, service, agency, overdue). */
import { api, query } from '../api.js';
import { openIdOf } from '../detail.js';
import { showTicket } from '../detail/ticket.js';
import { $input, $select, el } from '../dom.js';
import { fmtWorking } from '../format.js';
import { me, meta, syncClock } from '../state.js';
import { resetList } from '../tabs.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../types.js').TicketView} TicketView */

const OPEN_STATUSES = 'baru,ditugaskan,diproses,menunggu_pelapor';

/** @param {TicketView} t */
function clockText(t) {
  const res = t.slaState.resolution;
  const resp = t.slaState.response;
  if (t.slaState.paused) return 'Jeda (menunggu pelapor)';
  if (res.metAt) return 'Selesai';
  if (!resp.metAt && resp.breached) return `Respons terlambat ${fmtWorking(resp.remainingMinutes)}`;
  return `${res.remainingMinutes < 0 ? 'Terlambat ' : 'Sisa '}${fmtWorking(res.remainingMinutes)}`;
}

/**
 * A ticket as a list item (also used by other tabs listing tickets).
 * @param {TicketView} t
 */
export function ticketItem(t) {
  return el(
    'li',
    { className: `item${openIdOf('ticket') === t.number ? ' active' : ''}`, 'data-number': t.number },
    el(
      'button',
      { type: 'button', onclick: () => void showTicket(t.number), 'aria-label': `Buka tiket ${t.number}` },
      el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: t.number }), el('span', { className: `clock${t.overdue ? ' late' : ''}`, text: clockText(t) })),
      el('div', { className: 'item-sub', text: `${t.categoryLabel} · ${t.serviceName || 'tanpa layanan'} · ${t.agencyName || t.agency}` }),
      el('div', { className: 'item-last', text: t.summary }),
      el(
        'div',
        { className: 'chips' },
        el('span', { className: 'chip', text: t.statusLabel }),
        el('span', { className: 'chip', text: `Prioritas ${t.priority}` }),
        t.overdue ? el('span', { className: 'chip chip-warn', text: 'Melewati SLA' }) : null,
        t.sla.escalated.length ? el('span', { className: 'chip chip-esc', text: `Eskalasi ${t.sla.escalated.length}` }) : null,
        t.survey ? el('span', { className: 'chip', text: `Nilai ${t.survey.rating}/5` }) : null,
      ),
    ),
  );
}

/** @param {TabContext} ctx */
function setup(ctx) {
  const m = meta();
  const officer = me();
  /** @param {string} id @param {string} label @param {string} all @param {[string, string][]} options */
  const select = (id, label, all, options) =>
    el('div', { className: 'field' }, el('label', { for: id, text: label }), el('select', { id }, el('option', { value: '' }, all), ...options.map(([v, l]) => el('option', { value: v }, l))));
  const form = el(
    'form',
    { id: 'ticket-filters', className: 'filters' },
    select('f-status', 'Status', 'Semua terbuka', m.statuses.map((s) => [s.id, s.label])),
    select('f-category', 'Kategori', 'Semua', m.categories.map((c) => [c.id, c.label])),
    select('f-service', 'Layanan', 'Semua', m.services.map((s) => /** @type {[string, string]} */ ([s.id, s.name])).sort((a, b) => a[1].localeCompare(b[1], 'id'))),
    select(
      'f-agency',
      'Perangkat daerah',
      'Semua dalam cakupan',
      m.agencies.filter((a) => officer.permissions.readsEverything || a.id === officer.agency).map((a) => [a.id, a.shortName]),
    ),
    el('div', { className: 'field check' }, el('input', { type: 'checkbox', id: 'f-overdue' }), el('label', { for: 'f-overdue', text: 'Hanya yang terlambat' })),
    el('button', { type: 'submit', className: 'btn btn-small' }, 'Terapkan'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void ticketsTab.load(ctx);
  });
  ctx.tools.appendChild(form);
}

/** @type {Tab} */
export const ticketsTab = {
  id: 'tickets',
  label: 'Tiket',
  badgeId: 'badge-overdue',
  badgeClass: 'badge-warn',
  badgeTitle: 'Tiket melewati target SLA',
  setup,
  async load(ctx) {
    const path = `/api/v1/tickets${query({
      status: $select('f-status').value || OPEN_STATUSES,
      category: $select('f-category').value,
      service: $select('f-service').value,
      agency: $select('f-agency').value,
      overdue: $input('f-overdue').checked ? '1' : '',
    })}`;
    const data = /** @type {{ tickets: TicketView[], now: number }} */ (await api('GET', path));
    syncClock(data.now);
    if (!ctx.shown()) return;
    resetList(ctx);
    if (!data.tickets.length) ctx.empty('Tidak ada tiket yang cocok dengan saringan.');
    for (const t of data.tickets) ctx.list.appendChild(ticketItem(t));
  },
  async count() {
    return (/** @type {{ tickets: unknown[] }} */ (await api('GET', '/api/v1/tickets?overdue=1&status=baru,ditugaskan,diproses'))).tickets.length;
  },
};
