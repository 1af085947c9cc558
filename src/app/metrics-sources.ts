/**
 * The gauges of GET /metrics that are read at scrape time (never pushed from the hot path):
 * queue depth from the queue, open and overdue tickets per agency from one aggregate query.
 * Each source is cached briefly (src/metrics/cache.ts), so a scrape costs at most one queue
 * stats call and one store query per period. Other parts register theirs the same way
 * (DEVELOPERS.md, "Metrics").
 */
import { cachedFor } from '../metrics/cache';
import type { Metrics } from '../metrics/port';
import type { QueueBus } from '../queue/port';
import type { TicketStats } from '../tickets/ticket-stats';

export const QUEUE_STATS_CACHE_MS = 5_000;
export const TICKET_STATS_CACHE_MS = 15_000;

export function registerQueueGauges(metrics: Metrics, queue: QueueBus): void {
  const stats = cachedFor(QUEUE_STATS_CACHE_MS, () => queue.stats());
  metrics.registerGauge({
    name: 'helpdesk_queue_depth',
    help: 'Jobs in the queue by queue and state (shared by every process on one Redis prefix)',
    labelNames: ['queue', 'state'],
    collect: async () => {
      const s = await stats();
      return [
        { labels: { queue: 'inbound', state: 'waiting' }, value: s.inboundWaiting },
        { labels: { queue: 'inbound', state: 'active' }, value: s.inboundActive },
        { labels: { queue: 'outbound', state: 'waiting' }, value: s.outboundWaiting },
        { labels: { queue: 'outbound', state: 'failed' }, value: s.outboundFailed },
        { labels: { queue: 'timers', state: 'delayed' }, value: s.timersDelayed },
      ];
    },
  });
}

/** Every agency of faq/agencies.yaml gets a value (0 when it has no open ticket), so series stay continuous. */
export function registerTicketGauges(metrics: Metrics, tickets: TicketStats, now: () => number, agencies: readonly string[] = []): void {
  const counts = cachedFor(TICKET_STATS_CACHE_MS, async () => {
    const byAgency = new Map<string, { open: number; overdue: number }>(agencies.map((a) => [a, { open: 0, overdue: 0 }]));
    for (const c of await tickets.openByAgency(now())) byAgency.set(c.agency, { open: c.open, overdue: c.overdue });
    return [...byAgency];
  });
  metrics.registerGauge({
    name: 'helpdesk_tickets_open',
    help: 'Tickets not closed, by primary agency',
    labelNames: ['agency'],
    collect: async () => (await counts()).map(([agency, c]) => ({ labels: { agency }, value: c.open })),
  });
  metrics.registerGauge({
    name: 'helpdesk_tickets_overdue',
    help: 'Open tickets past their resolve deadline (clock running), by primary agency',
    labelNames: ['agency'],
    collect: async () => (await counts()).map(([agency, c]) => ({ labels: { agency }, value: c.overdue })),
  });
}
