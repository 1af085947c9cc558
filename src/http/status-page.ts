/**
 * The public status page (/status) rendered on the server from the cached status document: no
 * script, readable on a phone, refreshed every minute by the browser, embeddable in the Pemkab
 * site (`?embed=1` drops the page header and footer). Every text is escaped; the document holds
 * no personal data.
 */
import { formatDay, formatShortDateTime } from '../operations/days';
import type { StatusDocument, StatusIncident, StatusService } from '../operations/status-board';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (v: number | null) => (v === null ? '-' : `${v.toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`);
const at = (isoTime: string) => formatShortDateTime(Date.parse(isoTime));

const STATE_LABEL: Record<StatusService['state'], string> = { up: 'Normal', down: 'Terganggu', unknown: 'Belum dipantau' };

function dayCell(from: string, i: number, v: number | null, target: number | null): string {
  const day = new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
  const level = v === null ? 'none' : v >= (target ?? 99) ? 'ok' : v >= 90 ? 'partial' : 'bad';
  const label = `${formatDay(day)}: ${v === null ? 'tidak ada data' : `${pct(v)} tersedia`}`;
  return `<li class="d ${level}" title="${esc(label)}"></li>`;
}

function serviceRow(doc: StatusDocument, s: StatusService): string {
  const name = s.app && s.app !== s.name ? `${esc(s.app)} <span class="muted">· ${esc(s.name)}</span>` : esc(s.name);
  const since = s.since ? `<span class="since">sejak ${esc(at(s.since))}</span>` : '';
  const incident = s.incident ? `<p class="row-incident">Insiden: ${esc(s.incident.title)}</p>` : '';
  const a = s.availability;
  const bar = s.monitored
    ? `<ol class="bar" aria-label="${esc(`Ketersediaan harian ${s.name}, ${a.days.length} hari terakhir`)}">${a.days.map((v, i) => dayCell(doc.from, i, v, a.target)).join('')}</ol>
       <p class="avail small muted">Ketersediaan ${a.days.length} hari: <strong>${pct(a.period)}</strong>${a.target !== null ? ` · target ${pct(a.target)}` : ''}</p>`
    : '<p class="avail small muted">Belum dipantau otomatis; status mengikuti laporan dan petugas.</p>';
  return `<li class="svc ${s.state}" id="layanan-${esc(s.service)}">
    <div class="svc-head"><h3>${name}</h3><span class="badge ${s.state}">${STATE_LABEL[s.state]}</span></div>
    ${since}${incident}${bar}
  </li>`;
}

function incidentCard(i: StatusIncident): string {
  const updates = [...i.updates]
    .reverse()
    .map((u) => `<li><time datetime="${esc(u.at)}">${esc(at(u.at))}</time> <strong>${u.kind === 'selesai' ? 'Selesai' : u.kind === 'dibuka' ? 'Diketahui' : 'Pembaruan'}:</strong> ${esc(u.message)}</li>`)
    .join('');
  const when = i.resolvedAt ? `${esc(at(i.startedAt))} – ${esc(at(i.resolvedAt))}` : `sejak ${esc(at(i.startedAt))}`;
  return `<article class="incident ${i.state}">
    <h3>${esc(i.title)}</h3>
    <p class="muted small">${esc(i.serviceName)} · ${when}</p>
    <ul class="updates">${updates}</ul>
  </article>`;
}

export function renderStatusPage(doc: StatusDocument, options: { embed: boolean }): string {
  const down = doc.services.filter((s) => s.state === 'down');
  const open = doc.incidents.filter((i) => i.state === 'open');
  const past = doc.incidents.filter((i) => i.state === 'resolved');
  const summary = down.length
    ? `<div class="summary down" role="status"><strong>${down.length} layanan sedang terganggu.</strong> Petugas sedang menangani; pembaruan ada di bawah.</div>`
    : `<div class="summary up" role="status"><strong>Semua layanan yang dipantau beroperasi normal.</strong></div>`;
  const order = { down: 0, up: 1, unknown: 2 } as const;
  const services = [...doc.services].sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name, 'id'));
  const header = options.embed
    ? ''
    : `<header class="top"><div class="wrap"><p class="org">Pemerintah Kabupaten Cirebon</p><h1>Status Layanan SPBE</h1></div></header>`;
  const footer = options.embed
    ? ''
    : `<footer class="wrap small muted">
        <p><span class="legend ok"></span> tersedia sesuai target <span class="legend partial"></span> sebagian terganggu <span class="legend bad"></span> banyak terganggu <span class="legend none"></span> tidak ada data</p>
        <p>Mengalami gangguan yang belum tercantum? Laporkan lewat <a href="/">obrolan Helpdesk SPBE</a>, WhatsApp, atau Telegram. Data mesin: <a href="/api/v1/status">/api/v1/status</a>.</p>
      </footer>`;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="60">
<title>Status Layanan SPBE · Kabupaten Cirebon</title>
<meta name="description" content="Ketersediaan layanan SPBE Pemerintah Kabupaten Cirebon dan gangguan yang sedang ditangani.">
<link rel="stylesheet" href="/status/status.css">
${options.embed ? '<base target="_blank">' : ''}
</head>
<body class="${options.embed ? 'embed' : ''}">
${header}
<main class="wrap">
${summary}
<p class="updated small muted">Diperbarui ${esc(at(doc.generatedAt))}; halaman ini memuat ulang sendiri setiap menit.</p>
${open.length ? `<section aria-labelledby="h-now"><h2 id="h-now">Gangguan saat ini</h2>${open.map(incidentCard).join('')}</section>` : ''}
<section aria-labelledby="h-svc"><h2 id="h-svc">Layanan</h2><ul class="services">${services.map((s) => serviceRow(doc, s)).join('')}</ul></section>
${past.length ? `<section aria-labelledby="h-past"><h2 id="h-past">Insiden 7 hari terakhir</h2>${past.map(incidentCard).join('')}</section>` : ''}
</main>
${footer}
</body>
</html>`;
}
