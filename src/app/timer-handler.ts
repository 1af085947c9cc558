/** Scheduled work arriving from the queue: SLA checks, survey prompts, flow time-outs, retention, monthly report digests. */
import type { TimerJob } from '../queue/port';
import type { Store } from '../store/port';
import type { Logger } from '../runtime/logger';

export interface TimerHandlerDeps {
  store: Store;
  logger: Logger;
  /** Escalates a ticket whose SLA clock ran out (officer console issue); absent: only logged. */
  onSlaCheck?: (ticketNumber: string) => Promise<void>;
  onSurveyPrompt?: (ticketNumber: string) => Promise<void>;
  onFlowTimeout?: (conversationId: string, startedAt: number) => Promise<void>;
  /** The personal-data retention job (src/privacy/retention-job.ts). */
  onRetention?: () => Promise<unknown>;
  /** Sends the monthly report digests to agency Telegram groups (src/reports/digest.ts). */
  onReportDigest?: (job: TimerJob) => Promise<void>;
}

export function createTimerHandler(deps: TimerHandlerDeps): (job: TimerJob) => Promise<void> {
  return async (job) => {
    const ticket = typeof job.payload.ticket === 'string' ? job.payload.ticket : null;
    switch (job.kind) {
      case 'sla-check':
        if (ticket && deps.onSlaCheck) await deps.onSlaCheck(ticket);
        else deps.logger.debug('SLA check without handler', { key: job.key });
        return;
      case 'survey-prompt':
        if (ticket && deps.onSurveyPrompt) await deps.onSurveyPrompt(ticket);
        return;
      case 'flow-timeout': {
        // The dialogue also applies expiry lazily when the next message arrives.
        const { conversation, startedAt } = job.payload;
        if (typeof conversation === 'string' && typeof startedAt === 'number' && deps.onFlowTimeout) await deps.onFlowTimeout(conversation, startedAt);
        return;
      }
      case 'privacy-retention':
        if (deps.onRetention) await deps.onRetention();
        return;
      case 'report-digest':
        if (deps.onReportDigest) await deps.onReportDigest(job);
        return;
    }
  };
}
