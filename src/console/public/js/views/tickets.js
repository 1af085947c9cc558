// @ts-check
/**
 * Tab 'Tiket': tickets in scope with a search box (a word of the ticket or of the reporter's
 * messages, or a ticket number) and filters (status, category, service, agency, priority,
 * overdue), paged. Tab 'Tiket saya': the tickets assigned to me.
 */
import { api, query } from '../api.js';
import { openIdOf } from '../detail.js';
import { showTicket } from '../detail/ticket.js';
import { $, $input, $select, announce, el } from '../dom.js';
import { fmtWorking } from '../format.js';
import { me, meta, syncClock } from '../state.js';
import { resetList } from '../tabs.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../types.js').TicketView} TicketView */
/** @typedef {import('../types.js').TicketPage} TicketPage */

const OPEN_STATUSES = 'baru,ditugaskan,diproses,menunggu_pelapor';
const PAGE = 50;
const PRIORITIES = /** @type {[string, string][]} */ ([
  ['kritis', 'Kritis'],
  ['tinggi', 'Tinggi'],
  ['sedang', 'Sedang'],
  ['rendah', 'Rendah'],
]);

/**
 * Renders a page of tickets into the list; with `more`, a "Muat lebih banyak" button that
 * fetches the next page and appends it.
 * @param {TabContext} ctx
 * @param {(offset: number) => Promise<TicketPage>} fetchPage
 * @param {string} emptyText
 */
async function showPages(ctx, fetchPage, emptyText) {
  const first = await fetchPage(0);
  syncClock(first.now);
  if (!ctx.shown()) return;
  resetList(ctx);
  if (!first.tickets.length) ctx.empty(emptyText);
  /** @param {TicketPage} page */
  const add = (page) => {
    for (const t of page.tickets) ctx.list.appendChild(ticketItem(t));
    ctx.pager.replaceChildren();
    ctx.pager.hidden = !page.more;
    if (!page.more) return;
    const offset = page.offset + page.tickets.length;
    const more = el('button', { type: 'button', className: 'btn btn-small', id: 'list-more' }, 'Muat lebih banyak');
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const next = await fetchPage(offset);
        if (ctx.shown()) add(next);
      } catch (e) {
        more.disabled = false;
        announce(e instanceof Error ? e.message : String(e));
      }
    });
    ctx.pager.appendChild(more);
  };
  add(first);
}

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
        el('span', { className: `chip prio-${t.priority}`, text: `Prioritas ${t.priorityLabel || t.priority}` }),
        t.assignee && t.assignee === me().id ? el('span', { className: 'chip chip-mine', text: 'Tugas saya' }) : null,
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
  const input = el('input', { id: 'ticket-search', type: 'search', maxlength: '120', placeholder: 'Cari nomor tiket atau kata dari laporan/percakapan…', autocomplete: 'off' });
  const search = el(
    'form',
    { id: 'ticket-search-form', className: 'search', role: 'search' },
    el('label', { for: 'ticket-search', className: 'sr-only', text: 'Cari tiket' }),
    input,
    el('button', { type: 'submit', className: 'btn btn-small btn-primary', id: 'ticket-search-go' }, 'Cari'),
  );
  search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void ticketsTab.load(ctx);
  });
  input.addEventListener('search', () => {
    // The clear button of the search field: back to the filtered list.
    if (!input.value) void ticketsTab.load(ctx);
  });
  ctx.tools.appendChild(search);
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
    select('f-priority', 'Prioritas', 'Semua', PRIORITIES),
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
    const q = $input('ticket-search').value.trim();
    $('list-title').textContent = q ? `Hasil pencarian "${q}"` : 'Tiket';
    if (q) {
      await showPages(
        ctx,
        async (offset) => /** @type {TicketPage} */ (await api('GET', `/api/v1/search${query({ q, offset: String(offset), limit: '20' })}`)),
        `Tidak ada tiket yang memuat "${q}".`,
      );
      return;
    }
    const filters = {
      status: $select('f-status').value || OPEN_STATUSES,
      category: $select('f-category').value,
      service: $select('f-service').value,
      agency: $select('f-agency').value,
      priority: $select('f-priority').value,
      overdue: $input('f-overdue').checked ? '1' : '',
      limit: String(PAGE),
    };
    await showPages(
      ctx,
      async (offset) => /** @type {TicketPage} */ (await api('GET', `/api/v1/tickets${query({ ...filters, offset: offset ? String(offset) : '' })}`)),
      'Tidak ada tiket yang cocok dengan saringan.',
    );
  },
  async count() {
    return (/** @type {{ tickets: unknown[] }} */ (await api('GET', '/api/v1/tickets?overdue=1&status=baru,ditugaskan,diproses'))).tickets.length;
  },
};

/** @type {Tab} */
export const myTicketsTab = {
  id: 'my-tickets',
  label: 'Tiket saya',
  title: 'Tiket yang ditugaskan kepada saya',
  visible: (me) => me.role !== 'penyedia-layanan',
  badgeClass: 'badge-muted',
  async load(ctx) {
    await showPages(
      ctx,
      async (offset) => /** @type {TicketPage} */ (await api('GET', `/api/v1/tickets${query({ assignee: 'me', status: OPEN_STATUSES, limit: String(PAGE), offset: offset ? String(offset) : '' })}`)),
      'Belum ada tiket terbuka yang ditugaskan kepada Anda.',
    );
  },
  async count() {
    return (/** @type {TicketPage} */ (await api('GET', `/api/v1/tickets?assignee=me&status=${OPEN_STATUSES}&limit=500`))).tickets.length;
  },
  reloadOn: (ev) => ev.kind.startsWith('ticket'),
};
