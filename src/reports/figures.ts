/**
 * The figures of a period (interfaces.md section 8), accumulated one fact at a time so a year of
 * tickets is never held as documents: counts by category, status, agency, service, channel and
 * priority; first-response and resolution time in working minutes (median and 90th percentile)
 * with the share that met its SLA target; satisfaction; conversations and the bot's share.
 *
 * Percentiles: the median is the middle value (the mean of the two middle values for an even
 * count); the 90th percentile is the nearest-rank value (the ceil(0.9 n)-th smallest).
 */
import { CHANNELS, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES, type Channel } from '../domain/ids';
import type { BotEventKind } from '../knowledge/port';
import type { IncidentFigures } from './incident-figures';
import type { ConversationFact, SurveyComment, TicketFact } from './port';
import type { EvaluationTargets } from './targets';
import { ticketMetrics } from './ticket-metrics';
import type { WorkingTime } from './working-time';

export const NO_SERVICE = 'tanpa_layanan';

export interface DurationFigures {
  /** Tickets whose clock stopped (responded / resolved). */
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Tickets that met / missed the target (missed includes running clocks past their due time). */
  met: number;
  missed: number;
  /** met / (met + missed), 0..1; null when no ticket is decided yet. */
  metShare: number | null;
}

export interface TicketFigures {
  total: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  byAgency: Record<string, number>;
  byService: Record<string, number>;
  byChannel: Record<string, number>;
  byPriority: Record<string, number>;
  /** Of the period's tickets: still open now, and open past their deadline now. */
  open: number;
  overdue: number;
  firstResponse: DurationFigures;
  resolution: DurationFigures;
}

export interface CsatFigures {
  count: number;
  /** Mean rating (1-5), two decimals; null without ratings. */
  average: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  comments: SurveyComment[];
}

export interface BotFigures {
  /** Conversations in which a user wrote during the period. */
  conversations: number;
  /** Of those: no officer message, no hand-off and no ticket in the period. */
  resolvedByBot: number;
  resolvedByBotShare: number | null;
  withOfficer: number;
  withTicket: number;
  handoffs: number;
  unanswered: number;
  lowConfidence: number;
  notHelpful: number;
}

export interface ReportFigures {
  period: { from: string; to: string; days: number; label: string };
  scope: { agency: string | null; service: string | null; agencies: string[] | 'semua' };
  generatedAt: number;
  conversations: { total: number; byChannel: Record<string, number> };
  messages: { total: number; byChannel: Record<string, number>; bySender: { user: number; bot: number; agent: number } };
  tickets: TicketFigures;
  /** Every ticket in scope open now, whatever its creation date. */
  backlog: { open: number; overdue: number; asOf: number };
  csat: CsatFigures;
  bot: BotFigures;
  /** Incidents and availability (src/operations); null when the service runs without it. */
  incidents: IncidentFigures | null;
  targets: EvaluationTargets;
}

const zeros = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));
const bump = (m: Record<string, number>, key: string) => {
  m[key] = (m[key] ?? 0) + 1;
};
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (!n) return null;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function durations(values: number[], met: number, missed: number): DurationFigures {
  const sorted = Float64Array.from(values).sort();
  const arr = Array.from(sorted);
  const md = median(arr);
  const p90 = nearestRank(arr, 0.9);
  return {
    count: values.length,
    medianMinutes: md === null ? null : round(md, 1),
    p90Minutes: p90 === null ? null : round(p90, 1),
    met,
    missed,
    metShare: met + missed ? round(met / (met + missed), 4) : null,
  };
}

/** Accumulates the ticket and satisfaction figures of a stream of ticket facts. */
export class TicketAccumulator {
  private total = 0;
  private readonly byCategory = zeros(TICKET_CATEGORIES);
  private readonly byStatus = zeros(TICKET_STATUSES);
  private readonly byAgency: Record<string, number> = {};
  private readonly byService: Record<string, number> = {};
  private readonly byChannel = zeros(CHANNELS);
  private readonly byPriority = zeros(TICKET_PRIORITIES);
  private open = 0;
  private overdue = 0;
  private readonly response: number[] = [];
  private readonly resolution: number[] = [];
  private responseMet = 0;
  private responseMissed = 0;
  private resolutionMet = 0;
  private resolutionMissed = 0;
  private ratings = 0;
  private ratingSum = 0;
  private readonly distribution: CsatFigures['distribution'] = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  private comments: SurveyComment[] = [];

  /** `maxComments`: the newest survey comments kept. */
  constructor(private readonly wt: WorkingTime, private readonly now: number, private readonly maxComments = 50) {}

  add(t: TicketFact): ReturnType<typeof ticketMetrics> {
    const m = ticketMetrics(t, this.wt, this.now);
    this.total++;
    bump(this.byCategory, t.category);
    bump(this.byStatus, t.status);
    bump(this.byAgency, t.agency);
    bump(this.byService, t.service ?? NO_SERVICE);
    bump(this.byChannel, t.channel);
    bump(this.byPriority, t.priority);
    if (m.open) this.open++;
    if (m.overdue) this.overdue++;
    if (m.responseMinutes !== null) this.response.push(m.responseMinutes);
    if (m.resolutionMinutes !== null) this.resolution.push(m.resolutionMinutes);
    if (m.responseMet === true) this.responseMet++;
    else if (m.responseMet === false) this.responseMissed++;
    if (m.resolutionMet === true) this.resolutionMet++;
    else if (m.resolutionMet === false) this.resolutionMissed++;
    if (t.rating !== null && t.rating >= 1 && t.rating <= 5) {
      this.ratings++;
      this.ratingSum += t.rating;
      bump(this.distribution, String(Math.round(t.rating)));
      if (t.comment) {
        this.comments.push({ ticket: t.number, rating: t.rating, comment: t.comment, at: t.ratedAt ?? t.updatedAt });
        if (this.comments.length > 2 * this.maxComments) this.trimComments();
      }
    }
    return m;
  }

  tickets(): TicketFigures {
    return {
      total: this.total,
      byCategory: this.byCategory,
      byStatus: this.byStatus,
      byAgency: this.byAgency,
      byService: this.byService,
      byChannel: this.byChannel,
      byPriority: this.byPriority,
      open: this.open,
      overdue: this.overdue,
      firstResponse: durations(this.response, this.responseMet, this.responseMissed),
      resolution: durations(this.resolution, this.resolutionMet, this.resolutionMissed),
    };
  }

  private trimComments(): void {
    this.comments.sort((a, b) => b.at - a.at || (a.ticket < b.ticket ? 1 : -1));
    this.comments.length = Math.min(this.comments.length, this.maxComments);
  }

  /** `mask` turns a comment into what may be shown (personal data removed). */
  csat(mask: (text: string) => string = (t) => t): CsatFigures {
    this.trimComments();
    return {
      count: this.ratings,
      average: this.ratings ? round(this.ratingSum / this.ratings, 2) : null,
      distribution: this.distribution,
      comments: this.comments.map((c) => ({ ...c, comment: mask(c.comment) })),
    };
  }
}

/** Accumulates conversation, message and bot figures of the conversations in scope. */
export class ConversationAccumulator {
  private total = 0;
  private readonly byChannel = zeros(CHANNELS);
  private readonly messagesByChannel = zeros(CHANNELS);
  private readonly bySender = { user: 0, bot: 0, agent: 0 };
  private withUser = 0;
  private resolvedByBot = 0;
  private withOfficer = 0;
  private withTicket = 0;

  add(c: ConversationFact): void {
    this.total++;
    bump(this.byChannel, c.channel);
    this.messagesByChannel[c.channel as Channel] = (this.messagesByChannel[c.channel] ?? 0) + c.user + c.bot + c.agent;
    this.bySender.user += c.user;
    this.bySender.bot += c.bot;
    this.bySender.agent += c.agent;
    if (c.user === 0) return;
    this.withUser++;
    if (c.agent > 0) this.withOfficer++;
    if (c.ticket) this.withTicket++;
    if (c.agent === 0 && !c.ticket && !c.handoff) this.resolvedByBot++;
  }

  conversations(): ReportFigures['conversations'] {
    return { total: this.total, byChannel: this.byChannel };
  }

  messages(): ReportFigures['messages'] {
    return { total: this.bySender.user + this.bySender.bot + this.bySender.agent, byChannel: this.messagesByChannel, bySender: this.bySender };
  }

  bot(events: Partial<Record<BotEventKind, number>>): BotFigures {
    return {
      conversations: this.withUser,
      resolvedByBot: this.resolvedByBot,
      resolvedByBotShare: this.withUser ? round(this.resolvedByBot / this.withUser, 4) : null,
      withOfficer: this.withOfficer,
      withTicket: this.withTicket,
      handoffs: events.handoff ?? 0,
      unanswered: events.unanswered ?? 0,
      lowConfidence: events.low_confidence ?? 0,
      notHelpful: events.not_helpful ?? 0,
    };
  }
}
