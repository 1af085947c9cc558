import { TransientError } from '../../src/domain/errors';
import { withDeliveryMetrics } from '../../src/engine/delivery-metrics';
import { cachedFor } from '../../src/metrics/cache';
import { PrometheusMetrics } from '../../src/metrics/prometheus';
import type { OutboundJob } from '../../src/queue/port';

const job = (channel: OutboundJob['channel']): OutboundJob => ({ entryId: 'e', conversationId: 'c', channel, threadId: 't', reply: { text: 'x' } });

describe('PrometheusMetrics', () => {
  it('counts per channel and label, and renders Prometheus text', async () => {
    const m = new PrometheusMetrics({ processMetrics: false });
    m.messageIn('telegram');
    m.messageIn('telegram');
    m.messageOut('telegram', 3);
    m.messageOut('whatsapp', 0);
    m.queueWait('telegram', 0.02);
    m.turnDuration('telegram', 0.004);
    m.nluFallback('whatsapp', 'ambiguous');
    const { contentType, body } = await m.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('helpdesk_messages_in_total{channel="telegram"} 2');
    expect(body).toContain('helpdesk_messages_out_total{channel="telegram"} 3');
    expect(body).toContain('helpdesk_messages_out_total{channel="whatsapp"} 0');
    expect(body).toContain('helpdesk_queue_wait_seconds_bucket{le="0.025",channel="telegram"} 1');
    expect(body).toContain('helpdesk_turn_duration_seconds_count{channel="telegram"} 1');
    expect(body).toContain('helpdesk_nlu_fallbacks_total{channel="whatsapp",reason="ambiguous"} 1');
    expect(body).not.toContain('process_cpu');
  });

  it('registered gauges are read at scrape time; a failing source is counted and keeps its last values', async () => {
    const errors: string[] = [];
    const m = new PrometheusMetrics({ processMetrics: false, onCollectError: (metric) => errors.push(metric) });
    let open = 2;
    m.registerGauge({ name: 'helpdesk_incidents_open', help: 'Open incidents', labelNames: ['service'], collect: async () => [{ labels: { service: 'simpeg' }, value: open }] });
    let broken = false;
    m.registerGauge({ name: 'helpdesk_sometimes', help: 'Fails when broken', collect: async () => (broken ? Promise.reject(new Error('store down')) : [{ value: 7 }]) });
    expect(() => m.registerGauge({ name: 'helpdesk_incidents_open', help: 'again', collect: async () => [] })).toThrow(/already registered/);
    expect((await m.render()).body).toContain('helpdesk_incidents_open{service="simpeg"} 2');
    open = 0;
    broken = true;
    await m.render();
    const body = (await m.render()).body;
    expect(body).toContain('helpdesk_incidents_open{service="simpeg"} 0');
    expect(body).toMatch(/^helpdesk_sometimes 7$/m);
    expect(body).toMatch(/^helpdesk_metric_collect_errors_total\{metric="helpdesk_sometimes"\} [12]$/m);
    expect(errors).toEqual(['helpdesk_sometimes', 'helpdesk_sometimes']);
  });

  it('two registries (two services in one process) do not clash', async () => {
    const a = new PrometheusMetrics();
    const b = new PrometheusMetrics();
    a.messageIn('webchat');
    expect((await b.render()).body).toContain('helpdesk_messages_in_total{channel="webchat"} 0');
  });
});

describe('delivery outcomes', () => {
  it('counts sent, retry (transient) and failed, and passes errors on', async () => {
    const m = new PrometheusMetrics({ processMetrics: false });
    const outcomes: (Error | null)[] = [null, new TransientError('429'), new Error('blocked')];
    const deliver = withDeliveryMetrics(async () => {
      const e = outcomes.shift();
      if (e) throw e;
    }, m);
    await deliver(job('telegram'));
    await expect(deliver(job('telegram'))).rejects.toBeInstanceOf(TransientError);
    await expect(deliver(job('telegram'))).rejects.toThrow('blocked');
    const { body } = await m.render();
    for (const outcome of ['sent', 'retry', 'failed']) expect(body).toContain(`helpdesk_deliveries_total{channel="telegram",outcome="${outcome}"} 1`);
  });

  it('a transient error on the last attempt counts as failed', async () => {
    const m = new PrometheusMetrics({ processMetrics: false });
    const deliver = withDeliveryMetrics(async (_job: OutboundJob, _attempt: { number: number; last: boolean }) => {
      throw new TransientError('429');
    }, m);
    await expect(deliver(job('whatsapp'), { number: 1, last: false })).rejects.toBeInstanceOf(TransientError);
    await expect(deliver(job('whatsapp'), { number: 5, last: true })).rejects.toBeInstanceOf(TransientError);
    const { body } = await m.render();
    expect(body).toContain('helpdesk_deliveries_total{channel="whatsapp",outcome="retry"} 1');
    expect(body).toContain('helpdesk_deliveries_total{channel="whatsapp",outcome="failed"} 1');
  });
});

describe('cachedFor', () => {
  it('reads once per period and shares a pending read', async () => {
    let t = 0;
    let reads = 0;
    const get = cachedFor(1000, async () => ++reads, () => t);
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    t = 999;
    expect(await get()).toBe(1);
    t = 1000;
    expect(await get()).toBe(2);
    expect(reads).toBe(2);
  });
});
