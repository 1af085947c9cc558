/**
 * Incidents and monitors as officers work them (the incidents tab of the console and the API of
 * interfaces.md section 7): lists and details in scope, open, public updates, resolve (with the
 * linked tickets, optionally), the post-incident review, and each monitor's history against the
 * catalog's availability target. Every action is written to the audit trail.
 */
import { ConflictError, ForbiddenError, NotFoundError, UserInputError } from '../domain/errors';
import { audit } from '../officers/deps';
import type { Officer } from '../store/port';
import { STATUS_LABELS } from '../tickets';
import { monthAvailability, percent, periodAvailability, type DailyAvailability, dailySeries } from './availability';
import { jakartaDay, lastDays } from './days';
import type { OperationsDeps } from './deps';
import type { IncidentDesk } from './incident-desk';
import { canActOnIncident, canOpenIncident, canReadIncident } from './incident-scope';
import { SOURCE_LABELS, serviceName } from './incident-texts';
import type { MonitorRunner } from './monitor-runner';
import type { CheckResult, Incident, IncidentEvent, IncidentState, MonitorEvent, MonitorState } from './types';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export interface IncidentListItem {
  id: string;
  service: string;
  state: IncidentState;
  source: Incident['source'];
  title: string;
  startedAt: string;
  resolvedAt?: string;
  tickets: string[];
  serviceName: string;
  agency: string;
  sourceLabel: string;
  canAct: boolean;
}

export interface LinkedTicketView {
  number: string;
  channel: string;
  status: string | null;
  statusLabel: string | null;
  linkedAt: string;
}

export interface IncidentDetail extends IncidentListItem {
  coAgencies: string[];
  monitorConfirmed: boolean;
  resolvedBy: string | null;
  review: Incident['review'];
  notices: Incident['notices'];
  ticketResolution: Incident['ticketResolution'];
  timeline: (Omit<IncidentEvent, 'at'> & { at: string; byName: string })[];
  linkedTickets: LinkedTicketView[];
  monitor: MonitorHistory | null;
}

export interface MonitorSummary {
  service: string;
  serviceName: string;
  url: string;
  intervalS: number;
  status: MonitorState['status'];
  since: string | null;
  lastCheckAt: string | null;
  lastError: string | null;
  lastDurationMs: number | null;
  certExpiresAt: string | null;
  today: number | null;
  month: { month: string; availability: number | null; target: number | null; met: boolean | null };
}

export interface MonitorHistory extends MonitorSummary {
  checks: (Omit<CheckResult, 'at' | 'certExpiresAt'> & { at: string; certExpiresAt: string | null })[];
  events: (Omit<MonitorEvent, 'at'> & { at: string })[];
  days: DailyAvailability[];
  last30Days: number | null;
}

export interface IncidentActions {
  list(officer: Officer, filter: { state?: string }): Promise<IncidentListItem[]>;
  get(officer: Officer, id: string): Promise<IncidentDetail>;
  open(officer: Officer, input: { service: string; title: string; message: string }): Promise<Incident>;
  update(officer: Officer, id: string, message: string): Promise<Incident>;
  resolve(officer: Officer, id: string, input: { message: string; resolveTickets: boolean; ticketNote?: string; cause?: string; action?: string }): Promise<Incident>;
  review(officer: Officer, id: string, input: { cause: string; action: string }): Promise<Incident>;
  monitors(officer: Officer): Promise<MonitorSummary[]>;
  monitorHistory(officer: Officer, service: string): Promise<MonitorHistory>;
  checkNow(officer: Officer, service: string): Promise<MonitorSummary>;
}

export function createIncidentActions(deps: OperationsDeps, desk: IncidentDesk, runner: () => MonitorRunner | null): IncidentActions {
  const { ops, store, knowledge, now } = deps;
  const monitors = deps.config.monitors;

  async function load(officer: Officer, id: string, need: 'read' | 'act'): Promise<Incident> {
    const incident = await ops.getIncident(id);
    if (!incident || !canReadIncident(officer, incident)) throw new NotFoundError(`Insiden ${id} tidak ditemukan.`);
    if (need === 'act' && !canActOnIncident(officer, incident)) throw new ForbiddenError('Anda tidak berwenang menangani insiden ini.');
    return incident;
  }

  async function item(officer: Officer, i: Incident, tickets?: string[]): Promise<IncidentListItem> {
    return {
      id: i.id,
      service: i.service,
      state: i.state,
      source: i.source,
      title: i.title,
      startedAt: iso(i.startedAt)!,
      ...(i.resolvedAt !== null ? { resolvedAt: iso(i.resolvedAt)! } : {}),
      tickets: tickets ?? (await ops.incidentLinks(i.id)).map((l) => l.ticket),
      serviceName: serviceName(knowledge, i.service),
      agency: i.agency,
      sourceLabel: SOURCE_LABELS[i.source],
      canAct: canActOnIncident(officer, i),
    };
  }

  function summary(service: string, state: MonitorState | undefined, counts: Awaited<ReturnType<typeof ops.dayCounts>>): MonitorSummary {
    const def = monitors.find((m) => m.service === service)!;
    const svc = knowledge.services.get(service);
    const today = jakartaDay(now());
    const month = svc ? monthAvailability(counts, svc, now()) : { month: today.slice(0, 7), availability: null, target: null, met: null };
    return {
      service,
      serviceName: serviceName(knowledge, service),
      url: def.url,
      intervalS: def.intervalS,
      status: state?.status ?? 'unknown',
      since: iso(state?.since ?? null),
      lastCheckAt: iso(state?.lastCheckAt ?? null),
      lastError: state?.lastError ?? null,
      lastDurationMs: state?.lastDurationMs ?? null,
      certExpiresAt: iso(state?.certExpiresAt ?? null),
      today: periodAvailability(counts, service, (d) => d === today).availability,
      month: { month: month.month, availability: month.availability, target: month.target, met: month.met },
    };
  }

  async function history(service: string): Promise<MonitorHistory> {
    if (!monitors.some((m) => m.service === service)) throw new NotFoundError(`Layanan '${service}' tidak dipantau.`);
    const days = lastDays(now(), 31);
    const [states, counts, checks, events] = await Promise.all([
      ops.monitorStates(),
      // 31 days always reach back to the first of the current month.
      ops.dayCounts(days[0]!, days[days.length - 1]!),
      ops.recentChecks(service, 50),
      ops.monitorEvents({ service, limit: 50 }),
    ]);
    const last30 = days.slice(1);
    return {
      ...summary(service, states.find((s) => s.service === service), counts),
      checks: checks.map((c) => ({ ...c, at: iso(c.at)!, certExpiresAt: iso(c.certExpiresAt) })),
      events: events.map((e) => ({ ...e, at: iso(e.at)! })),
      days: dailySeries(counts, service, last30),
      last30Days: percent(...sum(counts.filter((c) => c.service === service && last30.includes(c.day)))),
    };
  }

  async function officerNames(ids: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>([
      ['monitor', 'pemantauan otomatis'],
      ['reports', 'laporan warga'],
      ['system', 'sistem'],
    ]);
    for (const id of new Set(ids)) if (!names.has(id)) names.set(id, (await store.getOfficer(id))?.name ?? id);
    return names;
  }

  return {
    async list(officer, filter) {
      const state = filter.state ?? 'open';
      if (state !== 'open' && state !== 'resolved') throw new UserInputError('Parameter "state" harus open atau resolved.');
      const all = await ops.listIncidents({ state, limit: 200 });
      return Promise.all(all.filter((i) => canReadIncident(officer, i)).map((i) => item(officer, i)));
    },

    async get(officer, id) {
      const i = await load(officer, id, 'read');
      const [links, timeline] = await Promise.all([ops.incidentLinks(id), ops.incidentEvents(id)]);
      const names = await officerNames([...timeline.map((e) => e.by), ...(i.resolvedBy ? [i.resolvedBy] : [])]);
      const linkedTickets: LinkedTicketView[] = [];
      for (const l of links) {
        const t = await store.getTicket(l.ticket);
        linkedTickets.push({ number: l.ticket, channel: l.channel, status: t?.status ?? null, statusLabel: t ? STATUS_LABELS[t.status] : null, linkedAt: iso(l.linkedAt)! });
      }
      return {
        ...(await item(officer, i, links.map((l) => l.ticket))),
        coAgencies: i.coAgencies,
        monitorConfirmed: i.monitorConfirmed,
        resolvedBy: i.resolvedBy ? (names.get(i.resolvedBy) ?? i.resolvedBy) : null,
        review: i.review,
        notices: i.notices,
        ticketResolution: i.ticketResolution,
        timeline: timeline.map((e) => ({ ...e, at: iso(e.at)!, byName: names.get(e.by) ?? e.by })),
        linkedTickets,
        monitor: monitors.some((m) => m.service === i.service) ? await history(i.service) : null,
      };
    },

    async open(officer, input) {
      const service = knowledge.services.get(input.service);
      if (!service) throw new UserInputError(`Layanan '${input.service}' tidak dikenal.`);
      if (!canOpenIncident(officer, service)) throw new ForbiddenError('Anda tidak berwenang membuka insiden untuk layanan ini.');
      const { incident, created } = await desk.open({ service: service.id, title: input.title, message: input.message, source: 'officer', by: officer.id });
      if (!created) throw new ConflictError(`Layanan ini sudah memiliki insiden terbuka: ${incident.id} (${incident.title}). Tambahkan pembaruan di sana.`);
      await audit(deps, officer.id, 'incident.open', `incident:${incident.id}`, { service: service.id });
      return incident;
    },

    async update(officer, id, message) {
      await load(officer, id, 'act');
      const incident = await desk.postUpdate(id, officer.id, message);
      await audit(deps, officer.id, 'incident.update', `incident:${id}`);
      return incident;
    },

    async resolve(officer, id, input) {
      await load(officer, id, 'act');
      if ((input.cause && !input.action) || (!input.cause && input.action)) throw new UserInputError('Catatan pascainsiden perlu "cause" (penyebab) dan "action" (tindakan) sekaligus.');
      const incident = await desk.resolve(id, officer.id, {
        message: input.message,
        resolveTickets: input.resolveTickets,
        ...(input.ticketNote ? { ticketNote: input.ticketNote } : {}),
        ...(input.cause && input.action ? { review: { cause: input.cause, action: input.action } } : {}),
      });
      await audit(deps, officer.id, 'incident.resolve', `incident:${id}`, { resolveTickets: input.resolveTickets });
      return incident;
    },

    async review(officer, id, input) {
      await load(officer, id, 'act');
      const incident = await desk.review(id, officer.id, input);
      await audit(deps, officer.id, 'incident.review', `incident:${id}`);
      return incident;
    },

    async monitors() {
      const days = lastDays(now(), 1);
      const [states, counts] = await Promise.all([ops.monitorStates(), ops.dayCounts(`${days[0]!.slice(0, 7)}-01`, days[0]!)]);
      const byService = new Map(states.map((s) => [s.service, s]));
      return monitors.map((m) => summary(m.service, byService.get(m.service), counts));
    },

    monitorHistory: (_officer, service) => history(service),

    async checkNow(officer, service) {
      if (!monitors.some((m) => m.service === service)) throw new NotFoundError(`Layanan '${service}' tidak dipantau.`);
      const r = runner();
      if (!r) throw new ConflictError('Pemeriksaan dijalankan oleh proses lain (pemegang giliran pemantauan); hasilnya muncul pada pemeriksaan berikutnya.');
      await r.checkNow(service);
      await audit(deps, officer.id, 'monitor.check', `monitor:${service}`);
      const { checks: _c, events: _e, days: _d, last30Days: _l, ...rest } = await history(service);
      return rest;
    },
  };
}

function sum(counts: { checks: number; ups: number }[]): [number, number] {
  let ups = 0;
  let checks = 0;
  for (const c of counts) {
    ups += c.ups;
    checks += c.checks;
  }
  return [ups, checks];
}

