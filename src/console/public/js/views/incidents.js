// @ts-check
/**
 * Tab 'Insiden' (every officer; scope decided by the server): open and resolved incidents of the
 * officer's services, the monitors' states, and opening a new incident. Details in
 * js/detail/incident.js. Live: reloads on incident events (opened, linked, updated, resolved).
 */
import { api, messageOf, query } from '../api.js';
import { showIncident, showMonitor, STATE_LABELS, pct, when } from '../detail/incident.js';
import { announce, clear, el, fillSelect } from '../dom.js';
import { me, meta, syncClock } from '../state.js';
import { resetList } from '../tabs.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../detail/incident.js').IncidentItem} IncidentItem */
/** @typedef {import('../detail/incident.js').MonitorSummary} MonitorSummary */

/** @param {IncidentItem} i */
function incidentItem(i) {
  return el(
    'li',
    { className: 'item', 'data-id': i.id },
    el(
      'button',
      { type: 'button', onclick: () => void showIncident(i.id), 'aria-label': `Buka insiden ${i.id}` },
      el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: i.title }), el('span', { className: `clock${i.state === 'open' ? ' late' : ''}`, text: i.state === 'open' ? `sejak ${when(i.startedAt)}` : `selesai ${when(i.resolvedAt)}` })),
      el('div', { className: 'item-sub', text: `${i.id} · ${i.serviceName}` }),
      el('div', { className: 'chips' }, el('span', { className: 'chip', text: `Sumber: ${i.sourceLabel}` }), el('span', { className: 'chip', text: `${i.tickets.length} tiket tertaut` })),
    ),
  );
}

/** @param {MonitorSummary} m */
function monitorItem(m) {
  return el(
    'li',
    { className: 'item', 'data-id': m.service },
    el(
      'button',
      { type: 'button', onclick: () => void showMonitor(m.service), 'aria-label': `Riwayat pemantauan ${m.serviceName}` },
      el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: m.serviceName }), el('span', { className: `clock${m.status === 'down' ? ' late' : ''}`, text: STATE_LABELS[m.status] })),
      el('div', { className: 'item-sub', text: m.lastError ? `Terakhir: ${m.lastError}` : `Diperiksa ${when(m.lastCheckAt)}` }),
      el(
        'div',
        { className: 'chips' },
        el('span', { className: `chip${m.month.met === false ? ' chip-warn' : ''}`, text: `Bulan ini ${pct(m.month.availability)} (target ${pct(m.month.target)})` }),
      ),
    ),
  );
}

/** The "open an incident" form: services the officer may open one for. @param {TabContext} ctx */
function openForm(ctx) {
  const officer = me();
  const services = meta()
    .services.filter((s) => officer.permissions.readsEverything || s.owners.includes(officer.agency))
    .map((s) => /** @type {[string, string]} */ ([s.id, s.name]))
    .sort((a, b) => a[1].localeCompare(b[1], 'id'));
  const select = el('select', { id: 'incident-service', required: true });
  fillSelect(select, services);
  const status = el('p', { className: 'error', role: 'alert' });
  const form = el(
    'form',
    { className: 'card form-card', id: 'incident-open-form', hidden: true },
    el('h3', { text: 'Buka insiden baru' }),
    el('label', { for: 'incident-service', text: 'Layanan yang terganggu' }),
    select,
    el('label', { for: 'incident-title-input', text: 'Judul (tampil di halaman status)' }),
    el('input', { id: 'incident-title-input', maxlength: '160', required: true, placeholder: 'mis. SIMPEG tidak dapat dibuka' }),
    el('label', { for: 'incident-message', text: 'Keterangan pertama untuk publik' }),
    el('textarea', { id: 'incident-message', rows: '2', maxlength: '2000', required: true }),
    status,
    el('button', { type: 'submit', className: 'btn btn-primary' }, 'Buka insiden'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.textContent = '';
    const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value.trim();
    try {
      const created = await api('POST', '/api/v1/incidents', { service: select.value, title: value('incident-title-input'), message: value('incident-message') });
      form.hidden = true;
      form.reset();
      announce(`Insiden ${created.id} dibuka.`);
      await incidentsTab.load(ctx);
      await showIncident(String(created.id));
    } catch (e) {
      status.textContent = messageOf(e);
    }
  });
  return form;
}

/** @param {TabContext} ctx */
function setup(ctx) {
  const show = el(
    'select',
    { id: 'incident-show' },
    el('option', { value: 'open' }, 'Insiden terbuka'),
    el('option', { value: 'resolved' }, 'Insiden selesai'),
    el('option', { value: 'monitors' }, 'Pemantauan layanan'),
  );
  show.addEventListener('change', () => void incidentsTab.load(ctx));
  const canOpen = me().role !== 'penyedia-layanan';
  const form = canOpen ? openForm(ctx) : null;
  const toggle = canOpen ? el('button', { type: 'button', className: 'btn btn-small', id: 'incident-new' }, 'Buka insiden baru') : null;
  toggle?.addEventListener('click', () => {
    if (form) form.hidden = !form.hidden;
  });
  ctx.tools.appendChild(el('div', { className: 'filters' }, el('div', { className: 'field' }, el('label', { for: 'incident-show', text: 'Tampilkan' }), show), toggle));
  if (form) ctx.tools.appendChild(form);
}

/** @type {Tab} */
export const incidentsTab = {
  id: 'incidents',
  label: 'Insiden',
  title: 'Insiden dan pemantauan layanan',
  badgeClass: 'badge-warn',
  badgeTitle: 'Insiden terbuka',
  setup,
  async load(ctx) {
    const shown = /** @type {HTMLSelectElement} */ (ctx.tools.querySelector('#incident-show')).value;
    if (shown === 'monitors') {
      const data = /** @type {{ monitors: MonitorSummary[], now: number }} */ (await api('GET', '/api/v1/monitors'));
      syncClock(data.now);
      if (!ctx.shown()) return;
      resetList(ctx);
      if (!data.monitors.length) ctx.empty('Belum ada layanan yang dipantau (flows/pemantauan.yaml).');
      const order = { down: 0, unknown: 1, up: 2 };
      for (const m of [...data.monitors].sort((a, b) => order[a.status] - order[b.status] || a.serviceName.localeCompare(b.serviceName, 'id'))) ctx.list.appendChild(monitorItem(m));
      return;
    }
    const data = /** @type {{ incidents: IncidentItem[], now: number }} */ (await api('GET', `/api/v1/incidents${query({ state: shown })}`));
    syncClock(data.now);
    if (!ctx.shown()) return;
    resetList(ctx);
    clear(ctx.pager);
    if (!data.incidents.length) ctx.empty(shown === 'open' ? 'Tidak ada insiden terbuka. Semua layanan dalam cakupan Anda berjalan normal.' : 'Belum ada insiden yang selesai.');
    for (const i of data.incidents) ctx.list.appendChild(incidentItem(i));
  },
  async count() {
    return (/** @type {{ incidents: unknown[] }} */ (await api('GET', '/api/v1/incidents?state=open'))).incidents.length;
  },
  reloadOn: (ev) => ev.kind === 'incident' || ev.kind === 'ticket-updated',
};
