/**
 * The metrics port: what the engine, ingress and delivery report. Domain code calls these
 * methods and never imports prom-client; the Prometheus adapter (src/metrics/prometheus.ts) is
 * wired in the composition root (src/app/service.ts). `noopMetrics` is for tests and tools
 * (analyze) that measure nothing.
 *
 * Calls sit on the hot path (one per message or reply): implementations must be cheap and never
 * throw. Values that are read from the store or the queue (tickets open, queue depth,
 * incidents open) are not pushed: they are registered once as gauges computed at scrape time.
 */
import type { Channel } from '../domain/ids';

/** sent: the platform took it; retry: a transient error, tried again later; failed: given up. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/** low_confidence: below the dialogue's confidence threshold; ambiguous: two types too close to choose. */
export type NluFallbackReason = 'low_confidence' | 'ambiguous';

export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

/**
 * A gauge whose value is read when Prometheus scrapes (e.g. open incidents from the store).
 * `collect` must be cheap and bounded (an aggregate query, not a scan of documents); wrap it with
 * `cachedFor()` (src/metrics/cache.ts) when the source is a database.
 */
export interface GaugeSource {
  /** Prometheus name, e.g. `helpdesk_incidents_open` (snake_case, unit suffix where one applies). */
  name: string;
  help: string;
  labelNames?: readonly string[];
  collect(): Promise<GaugeSample[]>;
}

export interface Metrics {
  /** A new (not duplicate) inbound message was accepted. */
  messageIn(channel: Channel): void;
  /** Replies (bot or officer) were added to a conversation for the user. */
  messageOut(channel: Channel, count: number): void;
  /** Seconds from a message's arrival to the start of its turn (the time it waited in the queue). */
  queueWait(channel: Channel, seconds: number): void;
  /** Seconds one turn took: understanding, dialogue, commit, replies stored. */
  turnDuration(channel: Channel, seconds: number): void;
  delivery(channel: Channel, outcome: DeliveryOutcome): void;
  /** The bot did not understand a message well enough to act on it (it asked instead). */
  nluFallback(channel: Channel, reason: NluFallbackReason): void;
  /** Registers a gauge computed at scrape time. A second source with the same name is an error. */
  registerGauge(source: GaugeSource): void;
}

const noop = (): void => undefined;

export const noopMetrics: Metrics = {
  messageIn: noop,
  messageOut: noop,
  queueWait: noop,
  turnDuration: noop,
  delivery: noop,
  nluFallback: noop,
  registerGauge: noop,
};
