/**
 * GET /metrics on the real service: Prometheus text with the process defaults and the helpdesk
 * figures moving with real traffic (a web chat conversation through the pipeline), ticket gauges
 * from the store, queue depth; and a worker-only process serving only probes and metrics.
 */
import { newTicket } from '../helpers/store-fixtures';
import { requireRedisOrSkip } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

/** Value of one sample line `name{labels} value` (labels in any order), or null. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return null;
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

describe('GET /metrics', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ redis: false });
  });
  afterAll(async () => {
    await service?.cleanup();
  });

  it('serves process metrics and the helpdesk figures, moving with a real conversation', async () => {
    const now = Date.now();
    await service.store.createTicket(newTicket({ agency: 'bkpsdm', createdAt: now - 10_000, sla: { responseDueAt: now - 5000, resolveDueAt: now - 1000, pausedMs: 0, pausedSince: null, escalated: [] } }));
    await service.store.createTicket(newTicket({ agency: 'bkpsdm', createdAt: now, sla: { responseDueAt: now + 3_600_000, resolveDueAt: now + 86_400_000, pausedMs: 0, pausedSince: null, escalated: [] } }));

    const chat = await new WebchatClient(service.url).open();
    await chat.say('alamat website simpeg kab cirebon apa ya');
    await chat.say('qwerty uiop asdf zxcv');

    const text = await scrape(service.url);
    expect(text).toMatch(/^# HELP process_cpu_user_seconds_total/m);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).not.toBeNull();
    expect(sample(text, 'helpdesk_messages_in_total', { channel: 'webchat' })).toBe(2);
    expect(sample(text, 'helpdesk_messages_in_total', { channel: 'telegram' })).toBe(0);
    expect(sample(text, 'helpdesk_messages_out_total', { channel: 'webchat' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'helpdesk_turn_duration_seconds_count', { channel: 'webchat' })).toBe(2);
    expect(sample(text, 'helpdesk_queue_wait_seconds_count', { channel: 'webchat' })).toBe(2);
    const fallbacks =
      (sample(text, 'helpdesk_nlu_fallbacks_total', { channel: 'webchat', reason: 'low_confidence' }) ?? 0) +
      (sample(text, 'helpdesk_nlu_fallbacks_total', { channel: 'webchat', reason: 'ambiguous' }) ?? 0);
    expect(fallbacks).toBe(1);
    expect(sample(text, 'helpdesk_deliveries_total', { channel: 'telegram', outcome: 'sent' })).toBe(0);
    expect(sample(text, 'helpdesk_tickets_open', { agency: 'bkpsdm' })).toBe(2);
    expect(sample(text, 'helpdesk_tickets_overdue', { agency: 'bkpsdm' })).toBe(1);
    expect(sample(text, 'helpdesk_tickets_open', { agency: 'diskominfo' })).toBe(0); // every agency has a series
    expect(sample(text, 'helpdesk_queue_depth', { queue: 'inbound', state: 'waiting' })).toBe(0);
    // No personal data and no conversation ids in metrics.
    expect(text).not.toMatch(/081234567890|simpeg kab|qwerty/);
  });

  it('answers X-Request-Id on every response', async () => {
    const res = await fetch(`${service.url}/metrics`, { headers: { 'x-request-id': 'scrape-1' } });
    expect(res.headers.get('x-request-id')).toBe('scrape-1');
  });
});

describe('a worker-only process', () => {
  let worker: TestService | null = null;
  beforeAll(async () => {
    if (!(await requireRedisOrSkip())) return;
    worker = await startTestService({ redis: true, PROCESS_ROLE: 'worker' });
  });
  afterAll(async () => {
    await worker?.cleanup();
  });

  it('serves /healthz, /readyz and /metrics on its port, and nothing of the API', async () => {
    if (!worker) return;
    expect(worker.url).toBe('');
    expect((await fetch(`${worker.httpUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${worker.httpUrl}/readyz`)).status).toBe(200);
    const text = await scrape(worker.httpUrl);
    expect(sample(text, 'helpdesk_messages_in_total', { channel: 'webchat' })).toBe(0);
    expect(sample(text, 'helpdesk_queue_depth', { queue: 'inbound', state: 'active' })).not.toBeNull();
    expect((await fetch(`${worker.httpUrl}/api/v1/webchat/sessions`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${worker.httpUrl}/`)).status).toBe(404);
  });
});
