/**
 * Failed outbound deliveries are kept and visible: GET /api/v1/deliveries lists them (newest
 * first, with the error) for the koordinators, on the real embedded store.
 */
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('GET /api/v1/deliveries', () => {
  it('lists failed deliveries with their last error, and only those by default', async () => {
    const c = await h.conversation({ channel: 'telegram' });
    const base = { conversationId: c.id, channel: 'telegram' as const, attempts: 1, lastError: null, updatedAt: h.clock.t };
    await h.store.recordDelivery({ ...base, id: `${c.id}:ok`, status: 'sent' });
    await h.store.recordDelivery({ ...base, id: `${c.id}:bad`, status: 'failed', attempts: 5, lastError: 'Telegram 403: bot was blocked by the user' });
    const { token } = await h.addOfficer('koordinator-layanan', 'diskominfo');

    const failed = await h.call('GET', '/api/v1/deliveries', token);
    expect(failed.status).toBe(200);
    const list = failed.body.deliveries as { id: string; status: string; lastError: string; attempts: number }[];
    expect(list.map((d) => d.id)).toContain(`${c.id}:bad`);
    expect(list.every((d) => d.status === 'failed')).toBe(true);
    expect(list.find((d) => d.id === `${c.id}:bad`)).toMatchObject({ attempts: 5, lastError: 'Telegram 403: bot was blocked by the user' });

    const sent = await h.call('GET', '/api/v1/deliveries?status=sent&limit=10', token);
    expect((sent.body.deliveries as { id: string }[]).map((d) => d.id)).toContain(`${c.id}:ok`);
  });

  it('answers 400 with a clear message for an unknown status or a bad limit', async () => {
    const { token } = await h.addOfficer('koordinator-layanan', 'diskominfo');
    for (const q of ['status=hilang', 'limit=0', 'limit=abc', 'limit=100000', 'status[$ne]=x']) {
      const r = await h.call('GET', `/api/v1/deliveries?${q}`, token);
      expect(r.status).toBe(400);
      expect(typeof r.body.error).toBe('string');
      expect(String(r.body.error).length).toBeGreaterThan(10);
    }
  });
});
