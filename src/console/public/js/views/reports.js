// @ts-check
/**
 * Tab 'Laporan' (every officer; scope decided by the server: koordinators every agency, the
 * others their own): the evaluation figures of a period as key figures and charts, filters by
 * period, agency and service, and the periodic evaluation report to download (PDF, XLSX, CSV).
 * Charts use chart.js, served by the service itself (/konsol/vendor/chart.umd.min.js) and loaded
 * the first time the tab opens; every chart also has its figures as text for screen readers.
 */
import { api, messageOf } from '../api.js';
import { clear, el, fillSelect } from '../dom.js';
import { channelLabel } from '../format.js';
import { me, meta, serverNow, syncClock } from '../state.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../report-types.js').ReportFigures} ReportFigures */
/** @typedef {import('../report-types.js').ChartConstructor} ChartConstructor */

const CHART_SRC = '/konsol/vendor/chart.umd.min.js';
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const CATEGORY_COLORS = ['#1f5fa8', '#d9822b', '#2e8b57', '#8e44ad', '#c0392b', '#7f8c8d'];
const num = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/** @type {Promise<ChartConstructor> | null} */
let chartLibrary = null;
/** chart.js as a global of its UMD build, loaded once. @returns {Promise<ChartConstructor>} */
function loadChartLibrary() {
  const w = /** @type {{ Chart?: ChartConstructor }} */ (/** @type {unknown} */ (window));
  if (w.Chart) return Promise.resolve(w.Chart);
  chartLibrary ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = CHART_SRC;
    script.onload = () => (w.Chart ? resolve(w.Chart) : reject(new Error('Pustaka grafik tidak dapat dimuat.')));
    script.onerror = () => {
      chartLibrary = null;
      reject(new Error('Pustaka grafik tidak dapat dimuat.'));
    };
    document.head.appendChild(script);
  });
  return chartLibrary;
}

/** @type {{ destroy(): void }[]} */
let charts = [];

/** "2026-11" of the server's now, in Asia/Jakarta, `back` months before. @param {number} back */
function monthKey(back) {
  const d = new Date(serverNow() + 7 * 3_600_000);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
  return m.toISOString().slice(0, 7);
}

/** First and last day of a YYYY-MM. @param {string} month */
function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(/** @type {number} */ (y), /** @type {number} */ (m), 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** @param {number | null} share 0..1 */
const pct = (share) => (share === null ? '–' : `${num.format(share * 100)}%`);
/** @param {number | null} minutes */
const hours = (minutes) => (minutes === null ? '–' : minutes < 60 ? `${Math.round(minutes)} mnt kerja` : `${num.format(minutes / 60)} jam kerja`);
/** @param {string} id */
const agencyName = (id) => meta().agencies.find((a) => a.id === id)?.shortName ?? id;
/** @param {string} id */
const serviceName = (id) => (id === 'tanpa_layanan' ? 'Tanpa layanan' : (meta().services.find((s) => s.id === id)?.name ?? id));
/** @param {string} id */
const categoryName = (id) => meta().categories.find((c) => c.id === id)?.label ?? id;

/** The filters' current values. */
function filters() {
  const period = /** @type {HTMLSelectElement} */ (document.getElementById('report-period')).value;
  const range =
    period === 'custom'
      ? { from: /** @type {HTMLInputElement} */ (document.getElementById('report-from')).value, to: /** @type {HTMLInputElement} */ (document.getElementById('report-to')).value }
      : monthRange(period);
  const agency = /** @type {HTMLSelectElement} */ (document.getElementById('report-agency')).value;
  const service = /** @type {HTMLSelectElement} */ (document.getElementById('report-service')).value;
  return { ...range, agency, service };
}

/** Query string of the filters (`extra` added). @param {Record<string, string>} [extra] */
function queryOf(extra = {}) {
  const f = filters();
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.agency) q.set('agency', f.agency);
  if (f.service) q.set('service', f.service);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/** @param {TabContext} ctx */
function setup(ctx) {
  const officer = me();
  // Months are counted from the server's date (Asia/Jakarta), not the browser's.
  syncClock(meta().now);
  const period = el('select', { id: 'report-period' });
  const months = Array.from({ length: 12 }, (_, i) => monthKey(i));
  fillSelect(period, [
    ...months.map((m) => /** @type {[string, string]} */ ([m, `${MONTHS[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`])),
    ['custom', 'Rentang tanggal…'],
  ]);
  const from = el('input', { id: 'report-from', type: 'date' });
  const to = el('input', { id: 'report-to', type: 'date' });
  const custom = el('div', { className: 'report-custom', hidden: true }, el('label', { for: 'report-from', text: 'Dari' }), from, el('label', { for: 'report-to', text: 'Sampai' }), to);
  period.addEventListener('change', () => {
    custom.hidden = period.value !== 'custom';
    if (period.value === 'custom' && !from.value) {
      const r = monthRange(months[0] ?? monthKey(0));
      from.value = r.from;
      to.value = r.to;
    }
  });
  const agency = el('select', { id: 'report-agency' });
  if (officer.permissions.readsEverything) {
    fillSelect(agency, [['', 'Semua perangkat daerah'], ...meta().agencies.map((a) => /** @type {[string, string]} */ ([a.id, a.shortName]))]);
  } else {
    fillSelect(agency, [[officer.agency, agencyName(officer.agency)]]);
    agency.disabled = true;
  }
  const service = el('select', { id: 'report-service' });
  const fillServices = () => {
    const a = agency.value;
    const list = meta().services.filter((s) => !a || s.owners.includes(a));
    fillSelect(service, [['', 'Semua layanan'], ...list.map((s) => /** @type {[string, string]} */ ([s.id, s.name]))]);
  };
  fillServices();
  agency.addEventListener('change', fillServices);
  const show = el('button', { type: 'button', className: 'btn btn-primary', id: 'report-show' }, 'Tampilkan');
  show.addEventListener('click', () => void reportsTab.load(ctx));
  const downloads = el('div', { className: 'report-downloads', id: 'report-downloads' });
  ctx.page.appendChild(
    el(
      'div',
      { className: 'report-filters' },
      el('div', { className: 'field' }, el('label', { for: 'report-period', text: 'Periode' }), period),
      custom,
      el('div', { className: 'field' }, el('label', { for: 'report-agency', text: 'Perangkat daerah' }), agency),
      el('div', { className: 'field' }, el('label', { for: 'report-service', text: 'Layanan' }), service),
      show,
    ),
  );
  ctx.page.appendChild(downloads);
  ctx.page.appendChild(el('p', { className: 'error', role: 'alert', id: 'report-error' }));
  ctx.page.appendChild(el('div', { id: 'report-body', 'aria-live': 'polite' }));
}

/** A key figure card. @param {string} label @param {string} value @param {string} [note] @param {boolean | null} [met] */
function kpi(label, value, note, met) {
  return el(
    'div',
    { className: `kpi${met === false ? ' kpi-bad' : met === true ? ' kpi-ok' : ''}` },
    el('div', { className: 'kpi-label', text: label }),
    el('div', { className: 'kpi-value', text: value }),
    note ? el('div', { className: 'kpi-note', text: note }) : null,
  );
}

/**
 * A chart card with its figures as a text list for screen readers (and as a fallback).
 * @param {string} id @param {string} title @param {[string, number][]} data
 */
function chartCard(id, title, data) {
  const canvas = el('canvas', { id, role: 'img', 'aria-label': `${title}: ${data.map(([k, v]) => `${k} ${num.format(v)}`).join(', ') || 'tidak ada data'}` });
  return el(
    'figure',
    { className: 'chart-card card', 'data-chart': id },
    el('figcaption', { text: title }),
    el('div', { className: 'chart-box' }, canvas),
    el('ul', { className: 'sr-only' }, ...data.map(([k, v]) => el('li', { text: `${k}: ${num.format(v)}` }))),
  );
}

/** @param {ChartConstructor} Chart @param {string} id @param {'bar' | 'doughnut'} type @param {[string, number][]} data @param {{ horizontal?: boolean, decimals?: boolean }} [options] */
function draw(Chart, id, type, data, options = {}) {
  const canvas = /** @type {HTMLCanvasElement | null} */ (document.getElementById(id));
  if (!canvas) return;
  // Counts are whole numbers on the value axis; hours keep one decimal.
  const valueAxis = { beginAtZero: true, ticks: { precision: options.decimals ? 1 : 0 } };
  const scales = type === 'doughnut' ? {} : options.horizontal ? { x: valueAxis } : { y: valueAxis };
  charts.push(
    new Chart(canvas, {
      type,
      data: {
        labels: data.map(([k]) => k),
        datasets: [{ label: 'Jumlah', data: data.map(([, v]) => v), backgroundColor: type === 'doughnut' ? CATEGORY_COLORS : '#1f5fa8' }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: options.horizontal ? 'y' : 'x',
        scales,
        plugins: { legend: { display: type === 'doughnut', position: 'bottom' } },
      },
    }),
  );
}

/** @param {ReportFigures} f */
function render(f) {
  const body = /** @type {HTMLElement} */ (document.getElementById('report-body'));
  for (const c of charts) c.destroy();
  charts = [];
  clear(body);
  const t = f.tickets;
  const targets = f.targets;
  body.appendChild(el('p', { className: 'muted', id: 'report-period-label', text: `Periode ${f.period.label} · ${f.scope.agency ? agencyName(f.scope.agency) : 'semua perangkat daerah'}${f.scope.service ? ` · ${serviceName(f.scope.service)}` : ''}` }));
  body.appendChild(
    el(
      'div',
      { className: 'kpis', id: 'report-kpis' },
      kpi('Tiket masuk', num.format(t.total), `${t.open} masih terbuka`),
      kpi('Tanggapan tepat waktu', pct(t.firstResponse.metShare), `target ${pct(targets.responseOnTimeShare)} · median ${hours(t.firstResponse.medianMinutes)}`, t.firstResponse.metShare === null ? null : t.firstResponse.metShare >= targets.responseOnTimeShare),
      kpi('Penyelesaian tepat waktu', pct(t.resolution.metShare), `target ${pct(targets.resolutionOnTimeShare)} · median ${hours(t.resolution.medianMinutes)}, P90 ${hours(t.resolution.p90Minutes)}`, t.resolution.metShare === null ? null : t.resolution.metShare >= targets.resolutionOnTimeShare),
      kpi('Kepuasan pengguna', f.csat.average === null ? '–' : `${num.format(f.csat.average)} / 5`, `${f.csat.count} penilaian · target ${num.format(targets.csatAverage)}`, f.csat.average === null ? null : f.csat.average >= targets.csatAverage),
      kpi('Selesai oleh bot', pct(f.bot.resolvedByBotShare), `${f.bot.resolvedByBot} dari ${f.bot.conversations} percakapan · target ${pct(targets.botResolvedShare)}`, f.bot.resolvedByBotShare === null ? null : f.bot.resolvedByBotShare >= targets.botResolvedShare),
      kpi('Tiket terlambat saat ini', num.format(f.backlog.overdue), `dari ${f.backlog.open} tiket terbuka`, f.backlog.overdue <= targets.maxOverdue),
      kpi('Belum terjawab bot', num.format(f.bot.unanswered + f.bot.lowConfidence + f.bot.notHelpful), `${f.bot.handoffs} dialihkan ke petugas`),
      f.incidents ? kpi('Insiden', num.format(f.incidents.opened), `${f.incidents.stillOpen} masih terbuka · ketersediaan ${f.incidents.availability === null ? '–' : `${num.format(f.incidents.availability)}%`}`) : null,
    ),
  );
  const byCategory = /** @type {[string, number][]} */ (Object.entries(t.byCategory).map(([k, v]) => [categoryName(k), v]));
  const byChannel = /** @type {[string, number][]} */ (Object.entries(t.byChannel).map(([k, v]) => [channelLabel(k), v]));
  const byAgency = /** @type {[string, number][]} */ (Object.entries(t.byAgency).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => [agencyName(k), v]));
  const bot = /** @type {[string, number][]} */ ([
    ['Selesai oleh bot', f.bot.resolvedByBot],
    ['Dilayani petugas', f.bot.withOfficer],
    ['Menjadi tiket', f.bot.withTicket],
  ]);
  const csat = /** @type {[string, number][]} */ (['1', '2', '3', '4', '5'].map((k) => [`Nilai ${k}`, f.csat.distribution[k] ?? 0]));
  const times = /** @type {[string, number][]} */ ([
    ['Tanggapan: median', (t.firstResponse.medianMinutes ?? 0) / 60],
    ['Tanggapan: P90', (t.firstResponse.p90Minutes ?? 0) / 60],
    ['Penyelesaian: median', (t.resolution.medianMinutes ?? 0) / 60],
    ['Penyelesaian: P90', (t.resolution.p90Minutes ?? 0) / 60],
  ]);
  body.appendChild(
    el(
      'div',
      { className: 'charts' },
      chartCard('chart-category', 'Tiket per kategori', byCategory),
      chartCard('chart-channel', 'Tiket per kanal', byChannel),
      byAgency.length > 1 ? chartCard('chart-agency', 'Tiket per perangkat daerah', byAgency) : null,
      chartCard('chart-bot', 'Percakapan dengan pengguna', bot),
      chartCard('chart-csat', 'Sebaran nilai kepuasan', csat),
      chartCard('chart-times', 'Waktu layanan (jam kerja)', times),
    ),
  );
  if (f.csat.comments.length) {
    body.appendChild(el('h3', { text: 'Komentar pengguna terbaru' }));
    body.appendChild(el('ul', { className: 'report-comments' }, ...f.csat.comments.slice(0, 10).map((c) => el('li', null, el('strong', { text: `${c.ticket} · nilai ${c.rating}` }), ` — ${c.comment}`))));
  }
  void loadChartLibrary().then(
    (Chart) => {
      draw(Chart, 'chart-category', 'bar', byCategory);
      draw(Chart, 'chart-channel', 'doughnut', byChannel);
      if (byAgency.length > 1) draw(Chart, 'chart-agency', 'bar', byAgency, { horizontal: true });
      draw(Chart, 'chart-bot', 'doughnut', bot);
      draw(Chart, 'chart-csat', 'bar', csat);
      draw(Chart, 'chart-times', 'bar', times, { decimals: true });
      body.setAttribute('data-charts', 'drawn');
    },
    (err) => {
      /** @type {HTMLElement} */ (document.getElementById('report-error')).textContent = messageOf(err);
    },
  );
}

/** The download links of the report of the current filters. */
function renderDownloads() {
  const box = /** @type {HTMLElement} */ (document.getElementById('report-downloads'));
  clear(box);
  const link = (/** @type {string} */ label, /** @type {Record<string, string>} */ extra) =>
    el('a', { className: 'btn btn-small', href: `/api/v1/reports/export?${queryOf(extra)}`, download: '' }, label);
  box.appendChild(el('span', { className: 'muted small', text: 'Laporan evaluasi berkala: ' }));
  box.appendChild(link('Unduh PDF', { format: 'pdf' }));
  box.appendChild(link('Unduh XLSX', { format: 'xlsx' }));
  box.appendChild(link('Unduh CSV', { format: 'csv' }));
}

/** @type {Tab} */
export const reportsTab = {
  id: 'reports',
  label: 'Laporan',
  title: 'Laporan dan evaluasi layanan',
  layout: 'page',
  setup,
  // Figures of a period do not need to follow every live event.
  reloadOn: () => false,
  async load(ctx) {
    const error = /** @type {HTMLElement} */ (document.getElementById('report-error'));
    error.textContent = '';
    renderDownloads();
    try {
      const figures = /** @type {ReportFigures} */ (await api('GET', `/api/v1/reports/summary?${queryOf()}`));
      if (ctx.shown()) render(figures);
    } catch (err) {
      error.textContent = messageOf(err);
    }
  },
};
