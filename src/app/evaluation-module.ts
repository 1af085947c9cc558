/**
 * Periodic evaluation and knowledge management as one module the composition root wires in:
 * the report and knowledge stores on the main store's database, the report API and exports,
 * the monthly digest timer for agency Telegram groups, knowledge gaps recorded from the bot's
 * turns, hand-offs counted, and published FAQ entries kept fresh in this process.
 */
import type { Router } from 'express';
import { chartLibraryRoutes } from '../console/chart-library';
import { knowledgeRoutes } from '../console/knowledge-routes';
import { reportRoutes } from '../console/report-routes';
import type { AgencyId } from '../domain/ids';
import { DialogueEngine } from '../dialogue/engine';
import type { FlowDialogue } from '../dialogue/port';
import { createPublishedRefresher, type PublishedRefresher } from '../knowledge/freshness';
import { recordingGaps } from '../knowledge/gap-recorder';
import { createKnowledgeDesk, type KnowledgeDesk } from '../knowledge/knowledge-desk';
import type { PublishedFaq } from '../knowledge/published-faq';
import type { Knowledge } from '../knowledge/types';
import type { OfficerAuth } from '../officers/auth';
import { GROUPS, type GroupDoc } from '../officers/group-registry';
import type { QueueBus, TimerJob } from '../queue/port';
import { createMonthlyDigests, type MonthlyDigests } from '../reports/digest';
import { monthPeriod, nextMonthStart, previousMonth, REPORT_OFFSET_MS } from '../reports/period';
import { createReportDesk, type IncidentFiguresSource, type ReportDesk } from '../reports/report-desk';
import { loadEvaluationSettings } from '../reports/targets';
import type { Logger } from '../runtime/logger';
import { createEvaluationStores, type EvaluationStores } from '../store/create-evaluation-stores';
import type { Conversation, Store } from '../store/port';
import type { BusinessCalendar, SlaConfig } from '../tickets';

const DIGEST_KEY = 'report-digest';
/** Days into a month during which a missed digest of the previous month is still sent at start. */
const DIGEST_CATCH_UP_DAYS = 7;

export interface EvaluationModuleDeps {
  store: Store;
  queue: QueueBus;
  knowledge: Knowledge;
  published: PublishedFaq;
  calendar: BusinessCalendar;
  sla: SlaConfig;
  flowsDir?: string;
  auth: Pick<OfficerAuth, 'authenticate'>;
  /** Sends a text to the agency's registered Telegram group(s). */
  notifyAgencyGroup(agency: AgencyId, text: string): Promise<void>;
  now: () => number;
  logger: Logger;
  incidents?: IncidentFiguresSource;
}

export interface EvaluationModule {
  routers: Router[];
  stores: EvaluationStores;
  reports: ReportDesk;
  knowledge: KnowledgeDesk;
  digests: MonthlyDigests;
  refresher: PublishedRefresher;
  /** Creates indexes (MongoDB) and loads the published FAQ entries. */
  init(): Promise<void>;
  /** The dialogue the turn processor runs, recording knowledge gaps. */
  recordGaps(dialogue: FlowDialogue): FlowDialogue;
  /** Counts a hand-off to the human queue (the turn processor's onHandoff). */
  recordHandoff(conversation: Conversation): void;
  /** Timer callback: sends the digest of the previous month, then schedules the next one. */
  onDigestTimer(job: TimerJob): Promise<void>;
  /** Schedules the next digest (idempotent per month), catching up a missed one early in a month. */
  scheduleDigest(): Promise<void>;
}

export function createEvaluationModule(deps: EvaluationModuleDeps): EvaluationModule {
  const { logger, now } = deps;
  const stores = createEvaluationStores(deps.store);
  const settings = loadEvaluationSettings(deps.flowsDir);
  const refresher = createPublishedRefresher({ store: stores.knowledge, published: deps.published, logger });
  const reports = createReportDesk({ store: stores.reports, knowledge: deps.knowledge, calendar: deps.calendar, settings, now, ...(deps.incidents ? { incidents: deps.incidents } : {}) });
  const knowledge = createKnowledgeDesk({ store: stores.knowledge, audit: deps.store, knowledge: deps.knowledge, published: deps.published, refresher, now, logger });
  const agencyOf = (service: string | null) => (service ? (deps.knowledge.services.get(service)?.owners[0] ?? null) : null);
  const digests = createMonthlyDigests({
    desk: reports,
    store: stores.reports,
    async agenciesWithGroups() {
      return [...new Set((await deps.store.listDocs<GroupDoc>(GROUPS)).map((d) => d.value.agency))];
    },
    agencyName: (agency) => deps.knowledge.agencies.get(agency)?.name ?? agency,
    send: (agency, text) => deps.notifyAgencyGroup(agency, text),
    now,
    logger,
  });

  async function schedule(month: string, runAt: number): Promise<void> {
    await deps.queue.schedule({ key: `${DIGEST_KEY}-${month}`, kind: 'report-digest', payload: { month } }, runAt);
  }

  /** The first office hour of the month after `at` (digests arrive when someone reads them). */
  const firstOfficeHourAfterMonthOf = (at: number) => deps.calendar.nextOpen(nextMonthStart(at));

  return {
    routers: [
      reportRoutes({ auth: deps.auth, desk: reports, knowledge: deps.knowledge, sla: deps.sla, logger }),
      knowledgeRoutes({ auth: deps.auth, desk: knowledge }),
      chartLibraryRoutes(),
    ],
    stores,
    reports,
    knowledge,
    digests,
    refresher,

    async init() {
      await Promise.all([stores.reports.init(), stores.knowledge.init()]);
      await refresher.ensureFresh();
    },

    recordGaps(dialogue) {
      if (!(dialogue instanceof DialogueEngine)) return dialogue;
      const { flows } = dialogue.deps;
      return recordingGaps(dialogue, {
        store: stores.knowledge,
        flows: { informasi: flows.informasi.id, umum: flows.umum.id },
        normalize: deps.published.normalize,
        agencyOf,
        logger,
      });
    },

    recordHandoff(c) {
      void stores.knowledge
        .recordBotEvent({
          id: `handoff:${c.id}:${c.processedSeq}`,
          kind: 'handoff',
          at: c.waitingSince ?? now(),
          conversationId: c.id,
          channel: c.channel,
          agency: c.agency,
          service: c.service,
        })
        .catch((err) => logger.warn('hand-off not recorded', { conversation: c.id, err }));
    },

    async onDigestTimer(job) {
      const month = typeof job.payload.month === 'string' ? job.payload.month : previousMonth(now());
      // A month is reported once it is over (a timer fired early by clock skew sends nothing).
      if (now() < monthPeriod(month).to) {
        logger.debug('report digest timer before the end of its month; skipped', { month });
        return;
      }
      await digests.send(month);
      await schedule(previousMonth(nextMonthStart(now()) + 1), firstOfficeHourAfterMonthOf(now()));
    },

    async scheduleDigest() {
      const at = now();
      const dayOfMonth = new Date(at + REPORT_OFFSET_MS).getUTCDate();
      if (dayOfMonth <= DIGEST_CATCH_UP_DAYS) await schedule(previousMonth(at), Math.max(at + 60_000, deps.calendar.nextOpen(nextMonthStart(at - dayOfMonth * 86_400_000))));
      await schedule(previousMonth(nextMonthStart(at) + 1), firstOfficeHourAfterMonthOf(at));
    },
  };
}
