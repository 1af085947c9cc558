/**
 * Reliability: Redis (the queue) goes away and comes back empty.
 *
 * A private redis-server on a free port (no persistence; the shared one at 6379 is never
 * touched), the real service as two child processes on it: an API and a worker. While Redis is
 * down, a new message is refused at once with 503 and an Indonesian error, /readyz says the
 * queue is down, and the refused message is not stored (so nothing is acknowledged that cannot
 * be processed). Messages acknowledged (202) just before the outage, whose queue jobs die with
 * Redis, are still answered once Redis is back (the store is the mailbox; the recovery sweep
 * signals them again), exactly once each, and new messages work again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createDeployment, eventually, PrivateRedis, runService, type Deployment, type RunningProcess } from '../helpers/run-service';
import { type ChatMessage, REPLY_ID, WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(180_000);

function repliesOf(history: ChatMessage[], id: string): ChatMessage[] {
  return history.filter((m) => m.from !== 'user' && REPLY_ID.exec(m.id)?.[1] === id);
}

async function readyz(url: string): Promise<{ status: number; body: { status?: string; checks?: Record<string, string> } }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status?: string; checks?: Record<string, string> } };
}

function note(line: string): void {
  process.stderr.write(`[reliability-redis-down] ${line}\n`);
}

describe('Redis down and back empty, with an API and a worker process', () => {
  let redis: PrivateRedis | null = null;
  let deployment: Deployment | null = null;
  let api: RunningProcess | null = null;
  let worker: RunningProcess | null = null;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    deployment = createDeployment(redis.url, 'rdown');
    api = await runService(deployment, 'api');
    worker = await runService(deployment, 'worker');
  });

  afterAll(async () => {
    worker?.proc.resume();
    await worker?.terminate();
    await api?.terminate();
    await deployment?.cleanup();
    await redis?.kill();
  });

  it('refuses new messages with 503 while Redis is down, stores none of them, and answers every acknowledged one once it is back', async () => {
    const url = api!.url;
    const client = await new WebchatClient(url).open();
    const expected: string[] = []; // ids of the user messages that must be in the transcript, in order

    // Normal operation.
    for (const [i, text] of ['halo', 'alamat website simpeg apa'].entries()) {
      const sent = await client.post(text, `before-${i}`);
      expect(sent.status).toBe(202);
      expected.push(String(sent.body.id));
      await eventually(async () => repliesOf(await client.fullHistory(), String(sent.body.id)).length > 0, `the answer to "${text}"`, 30_000);
    }

    // The worker is frozen, so these are acknowledged but not yet processed when Redis dies:
    // their drain jobs exist only in Redis and are lost with it.
    worker!.proc.pause();
    const burst = ['batal', 'menu', '1', 'cara login srikandi', 'terima kasih'];
    for (const [i, text] of burst.entries()) {
      const sent = await client.post(text, `burst-${i}`);
      expect(sent.status).toBe(202);
      expected.push(String(sent.body.id));
    }
    await redis!.kill();
    worker!.proc.resume(); // it lives through the outage

    // The API notices: /readyz names the queue (the store still answers).
    const down = await eventually(async () => {
      const r = await readyz(url);
      return r.status === 503 ? r : null;
    }, '/readyz to answer 503', 30_000);
    expect(down.body.checks?.store).toBe('ok');
    expect(down.body.checks?.queue).toBeDefined();
    expect(down.body.checks?.queue).not.toBe('ok');
    expect(down.body.checks?.queue).toMatch(/redis|antrean|tidak/i);

    // A new message is refused (503, Indonesian), and so is its retry; nothing of it is stored.
    const started = Date.now();
    const refused = await client.post('pesan saat redis mati', 'during-outage');
    note(`503 answered in ${Date.now() - started} ms`);
    expect(refused.status).toBe(503);
    expect(String(refused.body.error)).toMatch(/tidak tersedia|coba lagi/i);
    expect((await client.post('pesan saat redis mati', 'during-outage')).status).toBe(503);
    expect((await client.post('pesan lain saat redis mati')).status).toBe(503);
    // The service still lives and shows the transcript (from the store) while the queue is down.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const duringOutage = await client.fullHistory();
    expect(duringOutage.filter((m) => m.from === 'user').map((m) => m.id)).toEqual(expected);

    // Redis comes back with nothing in it: every acknowledged message still gets its answer.
    await sleep(1000);
    await redis!.restart();
    const backAt = Date.now();
    await eventually(async () => (await readyz(url)).status === 200, '/readyz to answer 200 again', 30_000);
    const burstIds = expected.slice(2);
    await eventually(
      async () => {
        const history = await client.fullHistory();
        return burstIds.every((id) => repliesOf(history, id).length > 0);
      },
      'answers to the messages acknowledged before the outage',
      90_000,
      () => `worker output:\n${worker!.proc.output()}`,
      500,
    );
    note(`messages acknowledged before the outage answered ${Date.now() - backAt} ms after Redis came back`);

    // The refused message was never stored: sent again with the same clientMessageId it is new.
    const retried = await client.post('pesan saat redis mati', 'during-outage');
    expect(retried.status).toBe(202);
    expected.push(String(retried.body.id));
    const fresh = await client.post('menu', 'after-outage');
    expect(fresh.status).toBe(202);
    expected.push(String(fresh.body.id));
    await eventually(
      async () => {
        const history = await client.fullHistory();
        return expected.every((id) => repliesOf(history, id).length > 0);
      },
      'answers to the messages sent after the outage',
      60_000,
      () => `worker output:\n${worker!.proc.output()}`,
      300,
    );

    // Exactly the acknowledged messages, once each and in order, each with one reply set, in order.
    await sleep(1500);
    const history = await client.fullHistory();
    const ids = history.map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(history.filter((m) => m.from === 'user').map((m) => m.id)).toEqual(expected);
    expect(history.filter((m) => m.from === 'user' && m.text === 'pesan lain saat redis mati')).toEqual([]);
    expect(history.filter((m) => m.from === 'user' && m.text === 'pesan saat redis mati')).toHaveLength(1);
    let previous = -1;
    for (const id of expected) {
      const set = repliesOf(history, id).map((m) => m.id);
      expect(set).toEqual(set.map((_, i) => `${id}:r${i}`));
      const first = ids.indexOf(`${id}:r0`);
      expect(first).toBeGreaterThan(ids.indexOf(id));
      expect(first).toBeGreaterThan(previous);
      previous = first;
    }
    for (const m of history.filter((x) => x.from !== 'user')) expect(expected).toContain(REPLY_ID.exec(m.id)?.[1]);
    // The reply to the burst's "cara login srikandi" answers it: the state advanced in order.
    expect(repliesOf(history, expected[5]!).map((m) => m.text).join('\n')).toMatch(/srikandi/i);

    // Both processes survived the outage.
    expect(api!.proc.running).toBe(true);
    expect(worker!.proc.running).toBe(true);
  });
});
