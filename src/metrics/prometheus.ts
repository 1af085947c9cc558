/**
 * The Prometheus adapter of the metrics port (prom-client), served as text at GET /metrics.
 * One registry per service instance (tests start several services in one process). Labelled
 * children are created once per channel, so a hot-path call is a property read and an add.
 *
 * Metric names (all but the process defaults start with `helpdesk_`):
 * - helpdesk_messages_in_total{channel}, helpdesk_messages_out_total{channel}
 * - helpdesk_queue_wait_seconds{channel} (histogram): arrival of a message -> start of its turn
 * - helpdesk_turn_duration_seconds{channel} (histogram)
 * - helpdesk_deliveries_total{channel,outcome} (outcome: sent | retry | failed)
 * - helpdesk_nlu_fallbacks_total{channel,reason} (reason: low_confidence | ambiguous)
 * - gauges registered with registerGauge (queue depth, tickets open/overdue, incidents...)
 * - helpdesk_metric_collect_errors_total{metric}: a scrape-time gauge whose source failed (the
 *   gauge keeps its last values)
 * - the prom-client process defaults (CPU, memory, event loop lag, GC, handles)
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CHANNELS, type Channel } from '../domain/ids';
import type { DeliveryOutcome, GaugeSource, Metrics, NluFallbackReason } from './port';

const DELIVERY_OUTCOMES: readonly DeliveryOutcome[] = ['sent', 'retry', 'failed'];
const FALLBACK_REASONS: readonly NluFallbackReason[] = ['low_confidence', 'ambiguous'];

/** Seconds: 5 ms .. 2 min (a queue backlog after an outage shows in the top buckets). */
const WAIT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const TURN_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type PerChannel<T> = Record<Channel, T>;

function perChannel<T>(make: (channel: Channel) => T): PerChannel<T> {
  return Object.fromEntries(CHANNELS.map((c) => [c, make(c)])) as PerChannel<T>;
}

export interface PrometheusMetricsOptions {
  /** Process metrics of prom-client (CPU, memory, event loop, GC). Default true. */
  processMetrics?: boolean;
  /** Called when a scrape-time gauge fails (the gauge keeps its last values). */
  onCollectError?: (metric: string, err: unknown) => void;
}

export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly inbound: PerChannel<{ inc(): void }>;
  private readonly outbound: PerChannel<{ inc(n: number): void }>;
  private readonly waits: PerChannel<{ observe(v: number): void }>;
  private readonly turns: PerChannel<{ observe(v: number): void }>;
  private readonly deliveries: PerChannel<Record<DeliveryOutcome, { inc(): void }>>;
  private readonly fallbacks: PerChannel<Record<NluFallbackReason, { inc(): void }>>;
  private readonly collectErrors: Counter<'metric'>;
  private readonly gauges = new Set<string>();

  constructor(private readonly options: PrometheusMetricsOptions = {}) {
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const messagesIn = new Counter({ name: 'helpdesk_messages_in_total', help: 'Inbound messages accepted (duplicates not counted)', labelNames: ['channel'], registers });
    const messagesOut = new Counter({ name: 'helpdesk_messages_out_total', help: 'Replies (bot and officer) added for users', labelNames: ['channel'], registers });
    const wait = new Histogram({
      name: 'helpdesk_queue_wait_seconds',
      help: 'Time from the arrival of a message to the start of its turn',
      labelNames: ['channel'],
      buckets: WAIT_BUCKETS,
      registers,
    });
    const turn = new Histogram({
      name: 'helpdesk_turn_duration_seconds',
      help: 'Time one turn takes (understanding, dialogue, commit, replies stored)',
      labelNames: ['channel'],
      buckets: TURN_BUCKETS,
      registers,
    });
    const deliveries = new Counter({ name: 'helpdesk_deliveries_total', help: 'Outbound delivery attempts by outcome', labelNames: ['channel', 'outcome'], registers });
    const fallbacks = new Counter({
      name: 'helpdesk_nlu_fallbacks_total',
      help: 'Messages the bot did not understand well enough to act on (it asked instead)',
      labelNames: ['channel', 'reason'],
      registers,
    });
    this.collectErrors = new Counter({ name: 'helpdesk_metric_collect_errors_total', help: 'Scrape-time gauges whose source failed', labelNames: ['metric'], registers });
    // Every series exists from the start (0), so rates and absent-series alerts work at once.
    for (const c of CHANNELS) {
      for (const counter of [messagesIn, messagesOut]) counter.inc({ channel: c }, 0);
      for (const o of DELIVERY_OUTCOMES) deliveries.inc({ channel: c, outcome: o }, 0);
      for (const r of FALLBACK_REASONS) fallbacks.inc({ channel: c, reason: r }, 0);
      wait.zero({ channel: c });
      turn.zero({ channel: c });
    }
    this.inbound = perChannel((c) => messagesIn.labels(c));
    this.outbound = perChannel((c) => messagesOut.labels(c));
    this.waits = perChannel((c) => wait.labels(c));
    this.turns = perChannel((c) => turn.labels(c));
    this.deliveries = perChannel((c) => Object.fromEntries(DELIVERY_OUTCOMES.map((o) => [o, deliveries.labels(c, o)])) as Record<DeliveryOutcome, { inc(): void }>);
    this.fallbacks = perChannel((c) => Object.fromEntries(FALLBACK_REASONS.map((r) => [r, fallbacks.labels(c, r)])) as Record<NluFallbackReason, { inc(): void }>);
  }

  messageIn(channel: Channel): void {
    this.inbound[channel]?.inc();
  }

  messageOut(channel: Channel, count: number): void {
    if (count > 0) this.outbound[channel]?.inc(count);
  }

  queueWait(channel: Channel, seconds: number): void {
    this.waits[channel]?.observe(Math.max(0, seconds));
  }

  turnDuration(channel: Channel, seconds: number): void {
    this.turns[channel]?.observe(Math.max(0, seconds));
  }

  delivery(channel: Channel, outcome: DeliveryOutcome): void {
    this.deliveries[channel]?.[outcome]?.inc();
  }

  nluFallback(channel: Channel, reason: NluFallbackReason): void {
    this.fallbacks[channel]?.[reason]?.inc();
  }

  registerGauge(source: GaugeSource): void {
    if (this.gauges.has(source.name)) throw new Error(`metric ${source.name} is already registered`);
    this.gauges.add(source.name);
    const onError = (err: unknown) => {
      this.collectErrors.inc({ metric: source.name });
      this.options.onCollectError?.(source.name, err);
    };
    new Gauge({
      name: source.name,
      help: source.help,
      labelNames: [...(source.labelNames ?? [])],
      registers: [this.registry],
      async collect() {
        let samples;
        try {
          samples = await source.collect();
        } catch (err) {
          onError(err); // the last values stay (stale, not a false 0); the error counter says so
          return;
        }
        this.reset();
        for (const s of samples) {
          if (s.labels) this.set(s.labels, s.value);
          else this.set(s.value);
        }
      },
    });
  }

  /** The Prometheus text exposition and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
