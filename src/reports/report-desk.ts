/**
 * The evaluation report as officers ask for it: scope per role (as for tickets: the koordinators
 * see every agency, the others their own), the figures of a period, and the ticket rows of the
 * exports. Domain logic only: the store port gives facts, the callers render.
 */
import { ForbiddenError, UserInputError } from '../domain/errors';
import type { AgencyId, ServiceId } from '../domain/ids';
import { maskPersonalData } from '../knowledge/personal-data';
import type { Knowledge } from '../knowledge/types';
import { GENERAL_QUEUE_AGENCY, readsEverything, type Who } from '../officers/scope';
import type { BusinessCalendar } from '../tickets';
import { ConversationAccumulator, type ReportFigures, TicketAccumulator } from './figures';
import { type Period, periodLabel } from './period';
import type { ReportsStore, TicketFact, TicketQuery } from './port';
import type { IncidentFigures } from './incident-figures';
import type { EvaluationSettings } from './targets';
import type { TicketMetrics } from './ticket-metrics';
import { ticketMetrics } from './ticket-metrics';
import { WorkingTime } from './working-time';

export const MAX_COMMENTS = 50;

export interface ReportRequest {
  period: Period;
  /** Narrow to one agency (koordinators: any; others: only their own). */
  agency?: AgencyId | null;
  service?: ServiceId | null;
}

/** Who asks: an officer, or the system (monthly digests) for one agency. */
export type Requester = Who | { system: true; agency: AgencyId | null };

export interface ResolvedScope {
  query: TicketQuery;
  agency: AgencyId | null;
  service: ServiceId | null;
}

/** Incidents and availability of the period, when monitoring exists (src/operations). */
export type IncidentFiguresSource = (query: TicketQuery) => Promise<IncidentFigures | null>;

export interface ReportDeskDeps {
  store: ReportsStore;
  knowledge: Pick<Knowledge, 'agencies' | 'services'>;
  calendar: BusinessCalendar;
  settings: EvaluationSettings;
  now: () => number;
  incidents?: IncidentFiguresSource;
}

export interface TicketRow {
  fact: TicketFact;
  metrics: TicketMetrics;
}

export interface ReportDesk {
  readonly settings: EvaluationSettings;
  scopeOf(requester: Requester, request: ReportRequest): ResolvedScope;
  summary(requester: Requester, request: ReportRequest): Promise<ReportFigures>;
  /** Tickets created in the period, oldest first, with their clocks (for the exports). */
  ticketRows(scope: ResolvedScope): AsyncIterable<TicketRow>;
}

export function createReportDesk(deps: ReportDeskDeps): ReportDesk {
  const wt = new WorkingTime(deps.calendar);
  const ownerOf = (service: string | null) => (service ? (deps.knowledge.services.get(service)?.owners[0] ?? null) : null);

  function scopeOf(requester: Requester, request: ReportRequest): ResolvedScope {
    const agency = request.agency ?? null;
    const service = request.service ?? null;
    if (agency !== null && !deps.knowledge.agencies.has(agency)) throw new UserInputError(`Perangkat daerah '${agency}' tidak dikenal.`);
    if (service !== null && !deps.knowledge.services.has(service)) throw new UserInputError(`Layanan '${service}' tidak dikenal.`);
    let agencies: AgencyId[] | null;
    if ('system' in requester) {
      agencies = requester.agency ? [requester.agency] : agency ? [agency] : null;
    } else if (readsEverything(requester)) {
      agencies = agency ? [agency] : null;
    } else {
      if (agency !== null && agency !== requester.agency) throw new ForbiddenError('Anda hanya dapat melihat laporan perangkat daerah Anda sendiri.');
      agencies = [requester.agency];
    }
    const effectiveAgency = agencies && agencies.length === 1 ? agencies[0]! : null;
    return { query: { from: request.period.from, to: request.period.to, agencies, service }, agency: effectiveAgency, service };
  }

  return {
    settings: deps.settings,
    scopeOf,

    async summary(requester, request) {
      const scope = scopeOf(requester, request);
      const { query } = scope;
      const now = deps.now();
      const tickets = new TicketAccumulator(wt, now, MAX_COMMENTS);
      for await (const fact of deps.store.ticketFacts(query)) tickets.add(fact);
      const conversations = new ConversationAccumulator();
      const scoped = query.agencies !== null || query.service !== null;
      for await (const c of deps.store.conversationFacts({ from: query.from, to: query.to, withScope: scoped })) {
        if (query.service !== null && c.service !== query.service) continue;
        if (query.agencies !== null && !query.agencies.includes(c.agency ?? ownerOf(c.service) ?? GENERAL_QUEUE_AGENCY)) continue;
        conversations.add(c);
      }
      const [events, backlog, incidents] = await Promise.all([
        deps.store.botEventCounts(query),
        deps.store.backlog({ agencies: query.agencies, service: query.service, now }),
        deps.incidents ? deps.incidents(query) : Promise.resolve(null),
      ]);
      return {
        period: { from: request.period.fromDate, to: request.period.toDate, days: request.period.days, label: periodLabel(request.period) },
        scope: { agency: scope.agency, service: scope.service, agencies: query.agencies ?? 'semua' },
        generatedAt: now,
        conversations: conversations.conversations(),
        messages: conversations.messages(),
        tickets: tickets.tickets(),
        backlog: { ...backlog, asOf: now },
        csat: tickets.csat(maskPersonalData),
        bot: conversations.bot(events),
        incidents,
        targets: deps.settings.targets,
      };
    },

    async *ticketRows(scope) {
      const now = deps.now();
      for await (const fact of deps.store.ticketFacts(scope.query)) yield { fact, metrics: ticketMetrics(fact, wt, now) };
    },
  };
}
