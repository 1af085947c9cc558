/**
 * The officer console as one module the composition root wires in: officers and sessions, the
 * API of interfaces.md section 3, the console page at /konsol, SLA escalation (timer callbacks +
 * a one-minute sweep), satisfaction surveys, canned responses, Telegram group registration, officer
 * accounts and the audit trail.
 */
import type { Router } from 'express';
import { auditRoutes } from '../console/audit-routes';
import { officerAdminRoutes } from '../console/officer-admin-routes';
import { consoleApiRoutes } from '../console/routes';
import { consoleStaticRoutes } from '../console/static';
import { ticketWorkRoutes } from '../console/ticket-work-routes';
import { contactRoutes } from '../console/contact-routes';
import { createContactDirectory } from '../officers/contact-view';
import { createAuditTrail } from '../officers/audit-trail';
import { createOfficerAuth, type OfficerAuth } from '../officers/auth';
import type { LoginThrottle } from '../officers/login-limiter';
import { createCannedResponses } from '../officers/canned-responses';
import { createConversationDesk, type ConversationDesk } from '../officers/conversation-desk';
import type { OfficerDeps } from '../officers/deps';
import { createEscalator, type Escalator } from '../officers/escalation';
import { type EscalationRules, loadEscalationRules } from '../officers/escalation-rules';
import { type AgencyGroupRegistry, createGroupRegistry } from '../officers/group-registry';
import { createOfficerAccounts } from '../officers/officer-accounts';
import { createTicketActions, type TicketActions } from '../officers/ticket-actions';
import { createTicketWork, type TicketWork } from '../officers/ticket-work';

export interface OfficerModuleDeps extends OfficerDeps {
  /** Directory of flows/eskalasi.yaml (default: the repository's flows/). */
  flowsDir?: string;
  /** Failed-login throttle (shared through Redis in a multi-process deployment); default in memory. */
  loginThrottle?: LoginThrottle;
  /** Rules given directly (tests); otherwise loaded from flowsDir. */
  escalationRules?: EscalationRules;
  /** Sweep period; 0 disables the interval (tests call sweep()). Default 60 s. */
  sweepIntervalMs?: number;
}

export interface OfficerModule {
  routers: Router[];
  onSlaCheck(ticketNumber: string): Promise<void>;
  onSurveyPrompt(ticketNumber: string): Promise<void>;
  sweep(): Promise<void>;
  stop(): void;
  /** For the Telegram adapter (channels/telegram/group-registry.ts) and the group notifier. */
  groupRegistry: AgencyGroupRegistry;
  auth: OfficerAuth;
  conversations: ConversationDesk;
  tickets: TicketActions;
  /** Search, internal notes, assignment, priority. */
  work: TicketWork;
  escalator: Escalator;
}

export function createOfficerModule(deps: OfficerModuleDeps): OfficerModule {
  const rules = deps.escalationRules ?? loadEscalationRules(deps.flowsDir, new Set(deps.knowledge.agencies.keys()));
  const auth = createOfficerAuth({ store: deps.store, now: deps.now, ...(deps.loginThrottle ? { limiter: deps.loginThrottle } : {}) });
  const conversations = createConversationDesk(deps);
  const tickets = createTicketActions(deps);
  const work = createTicketWork(deps, tickets);
  const canned = createCannedResponses(deps);
  const groupRegistry = createGroupRegistry(deps);
  const escalator = createEscalator(deps, rules);

  let sweeping: Promise<void> | null = null;
  const sweep = () =>
    (sweeping ??= escalator
      .sweep()
      .catch((err) => deps.logger.warn('officer sweep failed', { err }))
      .finally(() => {
        sweeping = null;
      }));

  const period = deps.sweepIntervalMs ?? 60_000;
  const timer = period > 0 ? setInterval(() => void sweep(), period) : null;
  timer?.unref();

  return {
    routers: [
      consoleStaticRoutes(),
      consoleApiRoutes({ deps, auth, conversations, tickets, canned, groups: groupRegistry }),
      ticketWorkRoutes({ auth, work, now: deps.now }),
      contactRoutes({ auth, contacts: createContactDirectory(deps), now: deps.now }),
      // Accounts and the audit trail (interfaces.md section 9).
      officerAdminRoutes({ auth, accounts: createOfficerAccounts(deps) }),
      auditRoutes({ auth, trail: createAuditTrail(deps) }),
    ],
    async onSlaCheck(ticketNumber) {
      await escalator.check(ticketNumber);
    },
    onSurveyPrompt: (ticketNumber) => tickets.promptSurvey(ticketNumber),
    sweep,
    stop() {
      if (timer) clearInterval(timer);
    },
    groupRegistry,
    auth,
    conversations,
    tickets,
    work,
    escalator,
  };
}
