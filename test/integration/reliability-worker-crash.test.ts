/**
 * Reliability: the worker process dies (SIGKILL) while web chat messages keep flowing.
 *
 * The real service runs as two child processes on one DATA_DIR (SQLite WAL) and one Redis
 * prefix: an API (PROCESS_ROLE=api) and a worker (PROCESS_ROLE=worker). Twenty sessions send
 * fifteen messages each (some delivered twice, also concurrently, as a retrying client would);
 * midway the worker is killed without warning, the sending goes on, then the worker is started
 * again. Checked through the HTTP API only: every acknowledged message (202) gets exactly one
 * set of replies, in the order of the user messages, and each reply answers its own message
 * (the dialogue state advanced exactly once per message, in order).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import { requireRedisOrSkip, TEST_REDIS_URL } from '../helpers/redis';
import { createDeployment, eventually, runService, type Deployment, type RunningProcess } from '../helpers/run-service';
import { type ChatMessage, REPLY_ID, WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(240_000);

const SESSIONS = 20;
/**
 * A shorter BullMQ job lock, so the killed worker's active drains are taken over sooner. The
 * service does not read these yet (requested from the lead): until it does, a takeover waits for
 * the default 30 s lock plus two 30 s stalled checks, about 60 s after the restart.
 */
const WORKER_TUNING = { QUEUE_LOCK_MS: '5000', QUEUE_STALLED_MS: '2000' };
/** One cycle of the script and what the bot's first reply to each says (the dialogue is stateful). */
const CYCLES: [string, RegExp][][] = [
  ['hai', 'alamat website simpeg apa'],
  ['selamat pagi', 'cara login srikandi'],
  ['permisi', 'alamat website simpeg kab cirebon apa ya'],
].map(([greeting, question], i) => [
  [greeting!, /asisten virtual|ada yang bisa saya bantu/i],
  ['1', /ketik pertanyaan/i],
  [question!, i === 1 ? /srikandi/i : /simpeg/i],
  ['batal', /dibatalkan/i],
  ['menu', /menu utama/i],
]);
const SCRIPT = CYCLES.flat();
/** Message indexes that a "retrying client" delivers twice: at the same time, and once more after the 202. */
const CONCURRENT_DUPLICATE = 3;
const SEQUENTIAL_DUPLICATE = 8;

interface Sent {
  k: number;
  text: string;
  clientMessageId: string;
  id: string;
}

interface Session {
  client: WebchatClient;
  sent: Sent[];
  refused: string[];
}

/** Ids of the user messages that have their first reply. */
function answered(history: ChatMessage[]): Set<string> {
  const ids = new Set<string>();
  for (const m of history) {
    const match = m.from !== 'user' ? REPLY_ID.exec(m.id) : null;
    if (match && match[2] === '0') ids.add(match[1]!);
  }
  return ids;
}

/** The promise, for one session: one stored entry per message, one reply set each, in order, answering it. */
function checkSession(session: Session, history: ChatMessage[]): void {
  const label = `session ${session.client.sessionId}`;
  const ids = history.map((m) => m.id);
  expect({ label, duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i) }).toEqual({ label, duplicateIds: [] });

  // Exactly the accepted messages are stored, once each, in the order they were sent.
  const users = history.filter((m) => m.from === 'user');
  expect({ label, users: users.map((m) => m.id) }).toEqual({ label, users: session.sent.map((s) => s.id) });
  expect(users.map((m) => m.text)).toEqual(session.sent.map((s) => s.text));

  // Every non-user message belongs to one user message's reply set.
  const position = new Map(history.map((m, i) => [m.id, i]));
  const setOf = new Map<string, number[]>();
  for (const m of history) {
    if (m.from === 'user') continue;
    const match = REPLY_ID.exec(m.id);
    expect({ label, id: m.id, belongsToAMessage: !!match && position.has(match[1]!) }).toEqual({ label, id: m.id, belongsToAMessage: true });
    const indexes = setOf.get(match![1]!) ?? [];
    indexes.push(Number(match![2]));
    setOf.set(match![1]!, indexes);
  }

  let previousFirstReply = -1;
  for (const s of session.sent) {
    const indexes = setOf.get(s.id) ?? [];
    // r0 exactly once, and the set is r0..rN in order.
    expect({ label, message: s.k, replies: indexes }).toEqual({ label, message: s.k, replies: indexes.map((_, i) => i) });
    expect({ label, message: s.k, answered: indexes.length > 0 }).toEqual({ label, message: s.k, answered: true });
    const first = position.get(`${s.id}:r0`)!;
    expect(first).toBeGreaterThan(position.get(s.id)!);
    // Reply sets appear in the order of their user messages.
    expect({ label, message: s.k, inOrder: first > previousFirstReply }).toEqual({ label, message: s.k, inOrder: true });
    previousFirstReply = first;
    // And each answers its own message: processed once, in order, the dialogue state is right.
    const reply = history
      .filter((m) => REPLY_ID.exec(m.id)?.[1] === s.id)
      .map((m) => m.text)
      .join('\n');
    expect({ label, message: s.k, text: s.text, reply: SCRIPT[s.k]![1].test(reply) ? 'as expected' : reply }).toEqual({
      label,
      message: s.k,
      text: s.text,
      reply: 'as expected',
    });
  }
}

function note(line: string): void {
  process.stderr.write(`[reliability-worker-crash] ${line}\n`);
}

describe('a worker process killed (SIGKILL) while web chat messages keep flowing', () => {
  let ok = false;
  let deployment: Deployment | null = null;
  let api: RunningProcess | null = null;
  let worker: RunningProcess | null = null;

  beforeAll(async () => {
    ok = await requireRedisOrSkip();
    if (!ok) return;
    deployment = createDeployment(TEST_REDIS_URL, 'wcrash');
    api = await runService(deployment, 'api');
    worker = await runService(deployment, 'worker', WORKER_TUNING);
  });

  afterAll(async () => {
    await worker?.terminate();
    await api?.terminate();
    await deployment?.cleanup();
  });

  it('answers every acknowledged message exactly once and in order after the worker is killed and restarted', async () => {
    if (!ok) return;
    const url = api!.url;
    const sessions: Session[] = await Promise.all(
      Array.from({ length: SESSIONS }, async () => ({ client: await new WebchatClient(url).open(), sent: [], refused: [] })),
    );
    let posted = 0;
    let sendingDone = false;

    const sendAll = async (session: Session, index: number) => {
      for (let k = 0; k < SCRIPT.length; k++) {
        const text = SCRIPT[k]![0];
        const clientMessageId = `s${index}-m${k}`;
        const first = k === CONCURRENT_DUPLICATE ? await Promise.all([session.client.post(text, clientMessageId), session.client.post(text, clientMessageId)]) : [await session.client.post(text, clientMessageId)];
        if (k === SEQUENTIAL_DUPLICATE) first.push(await session.client.post(text, clientMessageId));
        posted++;
        const accepted = first.filter((r) => r.status === 202);
        if (!accepted.length) {
          session.refused.push(`${clientMessageId}: ${first.map((r) => `${r.status} ${JSON.stringify(r.body)}`).join(', ')}`);
          continue;
        }
        // Every delivery of the same clientMessageId names the same stored entry.
        expect(new Set(accepted.map((r) => r.body.id)).size).toBe(1);
        expect(accepted).toHaveLength(first.length);
        session.sent.push({ k, text, clientMessageId, id: String(accepted[0]!.body.id) });
        await sleep(100 + Math.floor(Math.random() * 300));
      }
    };
    /** When each session last went from "something unanswered" to "all answered" (for the report). */
    const completedAt = new Map<number, number>();
    const countAnswered = async () => {
      const histories = await Promise.all(sessions.map((s) => s.client.fullHistory()));
      let n = 0;
      histories.forEach((h, i) => {
        const done = answered(h);
        const count = sessions[i]!.sent.filter((s) => done.has(s.id)).length;
        if (count === sessions[i]!.sent.length) {
          if (!completedAt.has(i)) completedAt.set(i, Date.now());
        } else completedAt.delete(i);
        n += count;
      });
      return n;
    };

    const sending = Promise.all(sessions.map((s, i) => sendAll(s, i))).finally(() => {
      sendingDone = true;
    });
    sending.catch(() => undefined); // awaited below; a failure must not count as unhandled meanwhile

    // Kill the worker once some messages are answered, while the clients keep sending.
    const total = SESSIONS * SCRIPT.length;
    const answeredBeforeKill = await eventually(async () => {
      const n = await countAnswered();
      return n >= total / 8 ? n : 0;
    }, 'some answers before the kill', 60_000, undefined, 200);
    // Aim the kill at a moment when the worker holds drain jobs (BullMQ's active list is not empty).
    const redis = new IORedis(TEST_REDIS_URL);
    let activeAtKill = 0;
    try {
      const until = Date.now() + 20_000;
      while (Date.now() < until && !sendingDone) {
        activeAtKill = await redis.llen(`${deployment!.prefix}:inbound:active`);
        if (activeAtKill > 0) break;
      }
      await worker!.kill();
    } finally {
      redis.disconnect();
    }
    const killedAt = Date.now();
    const postedAtKill = posted;
    expect(sendingDone).toBe(false);
    note(`worker SIGKILLed holding ${activeAtKill} active drain job(s); ${answeredBeforeKill} answered (counted before), ${postedAtKill}/${total} posted`);

    // Keep sending for a while with no worker at all, then bring a new one up while sending goes on.
    await eventually(() => posted >= postedAtKill + total / 4 || sendingDone, 'more messages posted with the worker down', 60_000);
    const answeredWhileDown = await countAnswered();
    note(`${posted - postedAtKill} more posted with the worker down; answered then: ${answeredWhileDown}`);
    await worker!.restart();
    const restartedAt = Date.now();
    note(`worker restarted ${restartedAt - killedAt} ms after the kill (sending done: ${sendingDone})`);

    await sending;
    const refused = sessions.flatMap((s) => s.refused);
    expect(refused).toEqual([]);
    const accepted = sessions.reduce((n, s) => n + s.sent.length, 0);
    expect(accepted).toBe(total);

    // Everything acknowledged gets answered, eventually (BullMQ's lock of the killed worker's
    // active drains must expire first: up to lockDuration + stalledInterval).
    let lastCount = 0;
    await eventually(
      async () => {
        lastCount = await countAnswered();
        return lastCount === accepted;
      },
      'every accepted message to be answered',
      150_000,
      () => `answered ${lastCount} of ${accepted}`,
      500,
    );
    note(`all ${accepted} answered ${Date.now() - restartedAt} ms after the restart (${Date.now() - killedAt} ms after the kill)`);
    const late = [...completedAt.values()].map((t) => Math.round((t - restartedAt) / 100) / 10).sort((a, b) => a - b);
    note(`sessions complete, seconds after the restart: ${late.join(' ')}`);

    // Let any straggling duplicate work show itself before the final check.
    await sleep(2000);
    for (const session of sessions) checkSession(session, await session.client.fullHistory());
  });

  it('stores and answers the same clientMessageId once, when delivered concurrently and again later', async () => {
    if (!ok) return;
    const client = await new WebchatClient(api!.url).open();
    const together = await Promise.all([1, 2, 3].map(() => client.post('halo', 'dup-together')));
    expect(together.map((r) => r.status)).toEqual([202, 202, 202]);
    const id = String(together[0]!.body.id);
    expect(together.map((r) => r.body.id)).toEqual([id, id, id]);
    await eventually(async () => answered(await client.fullHistory()).has(id), 'the answer', 60_000);
    const later = await client.post('halo', 'dup-together');
    expect(later).toEqual({ status: 202, body: { id, handledBy: 'bot' } });
    await sleep(1500);
    const history = await client.fullHistory();
    expect(history.filter((m) => m.from === 'user').map((m) => m.id)).toEqual([id]);
    const replies = history.filter((m) => m.from !== 'user').map((m) => m.id);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies).toEqual(replies.map((_, i) => `${id}:r${i}`));
  });
});
