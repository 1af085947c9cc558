/**
 * Incidents (guideline BAB V C: pemulihan layanan): opened by a monitor (N failures in a row), by
 * a cluster of citizen reports (K `gangguan` reports of one service within M minutes) or by an
 * officer; one open incident per service at a time. Reports of a service with an open incident
 * are linked to it (src/operations/incident-tickets.ts). Public updates and an internal timeline;
 * closed by the monitor (M successes) or an officer, then every linked reporter is told once
 * (src/operations/recovery-notices.ts). Agency officers and the koordinator-pemulihan hear of it
 * in the console (live events) and in their Telegram groups. Scope checks live in
 * incident-actions.ts; this desk acts for whoever the caller says.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { KnownIncident } from '../dialogue/port';
import { GENERAL_QUEUE_AGENCY } from '../officers/scope';
import { CLOSED_TICKET_STATUSES, type Ticket } from '../store/port';
import { jakartaDateKey } from '../tickets';
import { formatShortDateTime } from './days';
import { type OperationsDeps, publishIncidentEvent, publishStatusChanged } from './deps';
import {
  appName,
  knownNotice,
  latestUpdate,
  monitorIncidentTitle,
  monitorIncidentUpdate,
  monitorRecoveryMessage,
  openedGroupNotice,
  reportsIncidentTitle,
  reportsIncidentUpdate,
  resolvedGroupNotice,
  tlsGroupNotice,
} from './incident-texts';
import { markLinked } from './incident-tickets';
import { createRecoveryNotices } from './recovery-notices';
import type { Incident, IncidentEvent, IncidentEventKind, IncidentReview, IncidentSource, MonitorDef, MonitorEvent } from './types';

export interface OpenInput {
  service: string;
  title: string;
  /** The first public update. */
  message: string;
  source: IncidentSource;
  /** 'monitor', 'reports' or an officer id. */
  by: string;
  monitorConfirmed?: boolean;
  /** Internal timeline lines to add with the opening. */
  notes?: string[];
}

export interface ResolveInput {
  message: string;
  /** Set the linked tickets to `selesai` with `ticketNote` (default: the message). */
  resolveTickets: boolean;
  ticketNote?: string;
  review?: { cause: string; action: string };
}

export interface IncidentDesk {
  open(input: OpenInput): Promise<{ incident: Incident; created: boolean }>;
  postUpdate(id: string, by: string, message: string): Promise<Incident>;
  resolve(id: string, by: string, input: ResolveInput): Promise<Incident>;
  review(id: string, by: string, review: { cause: string; action: string }): Promise<Incident>;
  /** Attaches a ticket to an incident (idempotent). */
  link(incident: Incident, ticket: Ticket): Promise<boolean>;
  /** Every ticket the bot opens passes here: linked to an open incident, or counted for the cluster rule. */
  onTicketCreated(ticket: Ticket): Promise<void>;
  onMonitorEvent(event: MonitorEvent, def: MonitorDef): Promise<void>;
  /** The service's open incident as the dialogue tells it (DialoguePorts.knownIncident). */
  known(service: string): Promise<KnownIncident | null>;
  /** Repairs: links reports a failed hook missed; finishes resolutions a crash interrupted. */
  sweep(): Promise<void>;
  /** Resolves when the background work started so far (recovery notices) is done. */
  idle(): Promise<void>;
}

const MINUTE = 60_000;
const OPEN_TICKET_STATUSES = ['baru', 'ditugaskan', 'diproses', 'menunggu_pelapor'] as const;

export function createIncidentDesk(deps: OperationsDeps): IncidentDesk {
  const { ops, store, knowledge, config, logger } = deps;
  const recovery = createRecoveryNotices(deps);
  const background = new Map<string, Promise<void>>();

  const event = (incidentId: string, kind: IncidentEventKind, by: string, message: string, isPublic: boolean, id?: string): IncidentEvent => ({
    id: id ?? `${incidentId}:${kind}:${randomUUID()}`,
    incidentId,
    at: deps.now(),
    by,
    kind,
    message,
    public: isPublic,
  });

  /** The agency's groups and the koordinator-pemulihan's (Diskominfo), once each. */
  async function tellGroups(incident: Pick<Incident, 'id' | 'agency'>, text: string): Promise<void> {
    if (!deps.notifyAgencyGroup) return;
    for (const agency of new Set([incident.agency, GENERAL_QUEUE_AGENCY])) {
      await deps.notifyAgencyGroup(agency, text).catch((err) => logger.warn('incident notice to the Telegram group failed', { incident: incident.id, agency, err }));
    }
  }

  function inBackground(id: string, work: () => Promise<void>): void {
    if (background.has(id)) return;
    const p = work()
      .catch((err) => logger.error('incident background work failed (the sweep retries)', { incident: id, err }))
      .finally(() => background.delete(id));
    background.set(id, p);
  }

  async function link(incident: Incident, ticket: Ticket): Promise<boolean> {
    const linkRecord = {
      incidentId: incident.id,
      ticket: ticket.number,
      conversationId: ticket.reporter.conversationId,
      channel: ticket.reporter.channel,
      linkedAt: deps.now(),
    };
    const added = await ops.linkTicket(linkRecord);
    if (!added && (await ops.incidentOfTicket(ticket.number)) !== incident.id) return false;
    await store.updateTicket(ticket.number, (cur) => markLinked(cur, incident, deps.now(), deps.calendar));
    if (!added) return false;
    await ops.appendIncidentEvents([event(incident.id, 'laporan', 'system', `Tiket ${ticket.number} (${ticket.reporter.channel}) ditautkan.`, false, `${incident.id}:tiket:${ticket.number}`)]);
    publishIncidentEvent(deps, 'linked', incident, { ticket: ticket.number });
    // Linked while the incident was being closed: that reporter is told too.
    const now = await ops.getIncident(incident.id);
    if (now && now.state === 'resolved' && now.notices.state === 'done') await recovery.late(now, linkRecord);
    return true;
  }

  /** Open `gangguan` tickets of the service created since `since`, not yet linked anywhere. */
  async function unlinkedReports(service: string, since: number, limit: number): Promise<Ticket[]> {
    const recent = await store.listTickets({ category: 'gangguan', service, status: [...OPEN_TICKET_STATUSES], limit });
    const out: Ticket[] = [];
    for (const t of recent) {
      if (t.createdAt < since) break; // newest first
      if (!(await ops.incidentOfTicket(t.number))) out.push(t);
    }
    return out;
  }

  async function open(input: OpenInput): Promise<{ incident: Incident; created: boolean }> {
    const now = deps.now();
    const day = jakartaDateKey(now);
    const n = await store.nextCounter(`incident-${day}`);
    const id = `INS-${day}-${String(n).padStart(3, '0')}`;
    const svc = knowledge.services.get(input.service);
    const incident: Incident = {
      id,
      service: input.service,
      agency: svc?.owners[0] ?? GENERAL_QUEUE_AGENCY,
      coAgencies: svc?.owners.slice(1) ?? [],
      state: 'open',
      source: input.source,
      title: input.title,
      startedAt: now,
      resolvedAt: null,
      openedBy: input.by,
      resolvedBy: null,
      resolutionMessage: null,
      monitorConfirmed: input.monitorConfirmed ?? false,
      review: null,
      ticketResolution: null,
      notices: { state: 'none', recipients: 0, doneAt: null },
      updatedAt: now,
    };
    const events = [event(id, 'dibuka', input.by, input.message, true, `${id}:dibuka`), ...(input.notes ?? []).map((m, i) => event(id, 'pemantauan', input.by, m, false, `${id}:catatan-buka:${i}`))];
    const result = await ops.openIncident(incident, events);
    if (result.created) {
      logger.info('incident opened', { incident: id, service: input.service, source: input.source });
      publishIncidentEvent(deps, 'opened', result.incident, { source: input.source });
      publishStatusChanged(deps);
      await tellGroups(result.incident, openedGroupNotice(knowledge, result.incident, input.message));
    }
    return result;
  }

  async function resolve(id: string, by: string, input: ResolveInput): Promise<Incident> {
    const now = deps.now();
    const review: IncidentReview | null = input.review ? { ...input.review, by, at: now } : null;
    const events = [event(id, 'selesai', by, input.message, true, `${id}:selesai`)];
    if (review) events.push(event(id, 'tinjauan', by, `Penyebab: ${review.cause}\nTindakan: ${review.action}`, false));
    const incident = await ops.updateIncident(
      id,
      (cur) => {
        if (cur.state !== 'open') throw new ConflictError(`Insiden ${id} sudah selesai.`);
        return {
          ...cur,
          state: 'resolved',
          resolvedAt: now,
          resolvedBy: by,
          resolutionMessage: input.message,
          ticketResolution: input.resolveTickets ? { note: input.ticketNote?.trim() || input.message } : null,
          notices: { state: 'pending', recipients: 0, doneAt: null },
          review: review ?? cur.review,
          updatedAt: now,
        };
      },
      events,
    );
    logger.info('incident resolved', { incident: id, by });
    publishIncidentEvent(deps, 'resolved', incident);
    publishStatusChanged(deps);
    const tickets = (await ops.incidentLinks(id)).length;
    await tellGroups(incident, resolvedGroupNotice(knowledge, incident, input.message, tickets));
    inBackground(id, () => recovery.finish(incident));
    return incident;
  }

  return {
    open,
    resolve,
    link,

    async postUpdate(id, by, message) {
      const incident = await ops.updateIncident(
        id,
        (cur) => {
          if (cur.state !== 'open') throw new ConflictError(`Insiden ${id} sudah selesai; pembaruan tidak dapat ditambahkan.`);
          return { ...cur, updatedAt: deps.now() };
        },
        [event(id, 'pembaruan', by, message, true)],
      );
      publishIncidentEvent(deps, 'updated', incident);
      publishStatusChanged(deps);
      return incident;
    },

    async review(id, by, input) {
      const incident = await ops.updateIncident(
        id,
        (cur) => ({ ...cur, review: { cause: input.cause, action: input.action, by, at: deps.now() }, updatedAt: deps.now() }),
        [event(id, 'tinjauan', by, `Penyebab: ${input.cause}\nTindakan: ${input.action}`, false)],
      );
      publishIncidentEvent(deps, 'updated', incident);
      return incident;
    },

    async onTicketCreated(ticket) {
      if (ticket.category !== 'gangguan' || !ticket.service || CLOSED_TICKET_STATUSES.includes(ticket.status)) return;
      const service = ticket.service;
      const current = await ops.openIncidentOf(service);
      if (current) {
        await link(current, ticket);
        return;
      }
      const { reports, minutes } = config.reportCluster;
      const cluster = await unlinkedReports(service, deps.now() - minutes * MINUTE, reports + 50);
      if (cluster.length < reports) return;
      const app = appName(knowledge, service);
      const { incident } = await open({
        service,
        title: reportsIncidentTitle(app),
        message: reportsIncidentUpdate(app, cluster.length, minutes),
        source: 'reports',
        by: 'reports',
      });
      for (const t of cluster) await link(incident, t);
    },

    async onMonitorEvent(ev, def) {
      const app = appName(knowledge, def.service);
      if (ev.kind === 'down') {
        const { incident, created } = await open({
          service: def.service,
          title: monitorIncidentTitle(app),
          message: monitorIncidentUpdate(app, ev.at),
          source: 'monitor',
          by: 'monitor',
          monitorConfirmed: true,
          notes: [`Pemantau: ${ev.detail}`],
        });
        if (!created) {
          await ops.updateIncident(incident.id, (cur) => ({ ...cur, monitorConfirmed: true, updatedAt: deps.now() }), [event(incident.id, 'pemantauan', 'monitor', `Pemantau: ${ev.detail}`, false)]);
          publishStatusChanged(deps);
          return;
        }
        // Reports that came in just before the monitor noticed belong to it as well.
        for (const t of await unlinkedReports(def.service, deps.now() - config.reportCluster.minutes * MINUTE, 500)) await link(incident, t);
        return;
      }
      if (ev.kind === 'up') {
        publishStatusChanged(deps);
        const current = await ops.openIncidentOf(def.service);
        if (!current) return;
        if (current.monitorConfirmed) {
          await resolve(current.id, 'monitor', { message: monitorRecoveryMessage(app), resolveTickets: config.ticketsOnRecovery === 'resolve' }).catch((err) => {
            if (!(err instanceof ConflictError)) throw err; // an officer closed it meanwhile
          });
        } else {
          await ops.appendIncidentEvents([event(current.id, 'pemantauan', 'monitor', `Pemantau: ${ev.detail} Insiden tetap terbuka sampai ditutup petugas.`, false)]);
        }
        return;
      }
      publishMonitorEvent(ev, def);
      await tellGroups({ id: `tls:${def.service}`, agency: knowledge.services.get(def.service)?.owners[0] ?? GENERAL_QUEUE_AGENCY }, tlsGroupNotice(knowledge, def.service, ev.detail));
    },

    async known(service) {
      const incident = await ops.openIncidentOf(service);
      if (!incident) return null;
      const latest = latestUpdate(await ops.incidentEvents(incident.id, { publicOnly: true }));
      return {
        id: incident.id,
        title: incident.title,
        startedAt: incident.startedAt,
        notice: knownNotice(config.messages, {
          app: appName(knowledge, service),
          incident,
          since: deps.calendar.formatDateTime(incident.startedAt),
          agency: knowledge.agencies.get(incident.agency)?.shortName ?? incident.agency,
          latest,
          latestAt: latest ? formatShortDateTime(latest.at) : '',
        }),
        linkedReply: config.messages.linked,
      };
    },

    async sweep() {
      for (const incident of await ops.listIncidents({ state: 'open', limit: 500 })) {
        const since = Math.max(incident.startedAt, deps.now() - 15 * MINUTE);
        for (const t of await unlinkedReports(incident.service, since, 500)) {
          await link(incident, t).catch((err) => logger.warn('sweep could not link a report', { incident: incident.id, ticket: t.number, err }));
        }
      }
      const recent = await ops.listIncidents({ state: 'resolved', activeSince: deps.now() - 7 * 24 * 60 * MINUTE, limit: 500 });
      for (const incident of recent) if (incident.notices.state === 'pending') inBackground(incident.id, () => recovery.finish(incident));
    },

    async idle() {
      while (background.size) await Promise.all([...background.values()]);
    },
  };

  function publishMonitorEvent(ev: MonitorEvent, def: MonitorDef): void {
    const svc = knowledge.services.get(def.service);
    publishIncidentEvent(deps, 'monitor', { id: '', service: def.service, agency: svc?.owners[0] ?? GENERAL_QUEUE_AGENCY, coAgencies: svc?.owners.slice(1) ?? [], state: 'open' }, { monitorEvent: ev.kind, detail: ev.detail });
  }
}

export function assertFound<T>(value: T | null, id: string): T {
  if (!value) throw new NotFoundError(`Insiden ${id} tidak ditemukan.`);
  return value;
}
