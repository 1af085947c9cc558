/**
 * Shapes of the report and knowledge API as the console's dashboard uses them (type-checking
 * only; never served). Server side: src/reports/figures.ts and src/knowledge/port.ts.
 */

export interface DurationFigures {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  met: number;
  missed: number;
  metShare: number | null;
}

export interface ReportFigures {
  period: { from: string; to: string; days: number; label: string };
  scope: { agency: string | null; service: string | null; agencies: string[] | 'semua' };
  generatedAt: number;
  conversations: { total: number; byChannel: Record<string, number> };
  messages: { total: number; byChannel: Record<string, number>; bySender: { user: number; bot: number; agent: number } };
  tickets: {
    total: number;
    byCategory: Record<string, number>;
    byStatus: Record<string, number>;
    byAgency: Record<string, number>;
    byService: Record<string, number>;
    byChannel: Record<string, number>;
    byPriority: Record<string, number>;
    open: number;
    overdue: number;
    firstResponse: DurationFigures;
    resolution: DurationFigures;
  };
  backlog: { open: number; overdue: number; asOf: number };
  csat: { count: number; average: number | null; distribution: Record<string, number>; comments: { ticket: string; rating: number; comment: string; at: number }[] };
  bot: {
    conversations: number;
    resolvedByBot: number;
    resolvedByBotShare: number | null;
    withOfficer: number;
    withTicket: number;
    handoffs: number;
    unanswered: number;
    lowConfidence: number;
    notHelpful: number;
  };
  incidents: {
    opened: number;
    resolved: number;
    stillOpen: number;
    bySource: Record<string, number>;
    medianMinutesToRecover: number | null;
    availability: number | null;
    services: { service: string; checks: number; ups: number; availability: number | null; target: number | null; met: boolean | null }[];
  } | null;
  targets: { responseOnTimeShare: number; resolutionOnTimeShare: number; csatAverage: number; botResolvedShare: number; maxOverdue: number };
}

export interface KnowledgeGap {
  text: string;
  count: number;
  lastAt: number;
  kinds: Record<string, number>;
  service: string | null;
  variants: string[];
  normalized: string;
  coveredBy: string | null;
}

export interface KnowledgeEntry {
  id: string;
  service: string | null;
  questions: string[];
  answer: string;
  state: 'draft' | 'published' | 'withdrawn';
  live: { version: number; service: string | null; questions: string[]; answer: string; publishedAt: number; publishedBy: string } | null;
  revision: number;
  gap: string | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  agency: string;
}

/** chart.js's UMD build, loaded on demand by js/views/reports.js. */
export type ChartConstructor = typeof import('chart.js').Chart;
