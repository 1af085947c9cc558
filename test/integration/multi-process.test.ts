/**
 * The production shape with several processes: two `api` and two `worker` processes of the real
 * service on one DATA_DIR and one Redis prefix, Telegram against a Bot API stand-in (long
 * polling), and the web chat. Telegram chats and web chat sessions send about 1500 messages
 * together; midway the worker that owns the Telegram channel (holds its long poll and sends its
 * messages) is killed with SIGKILL, and the other worker takes the channel over.
 *
 * Checked: at no moment was more than one getUpdates open at the Bot API (the fake counts them);
 * the channel moved to the surviving worker; every Telegram message was stored once and
 * answered, and every reply went out once (one sendMessage per reply entry); every accepted web
 * chat message got exactly one set of replies, and the SSE streams carried all of them.
 *
 * The one exception the platform allows no way around: a sendMessage the killed owner had on the
 * wire (Telegram took it, the process died before it could note so) is sent again by the new
 * owner, as Telegram has no idempotency key. The test allows a repeat only for such a message:
 * its first copy reached the Bot API in the last moments before the kill, its second after it.
 */
import { formatText } from '../../channels/telegram/renderer';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { TranscriptEntry } from '../../src/store/port';
import { FakeTelegramServer, privateText } from '../helpers/fake-telegram-server';
import { requireRedisOrSkip, TEST_REDIS_URL } from '../helpers/redis';
import { createDeployment, eventually, freePort, runService, type Deployment, type RunningProcess } from '../helpers/run-service';
import { SseStream } from '../helpers/sse-client';
import { REPLY_ID, WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(360_000);

const TELEGRAM_CHATS = 150;
const TELEGRAM_ROUNDS = 6;
const WEB_SESSIONS = 25;
const WEB_ROUNDS = 24;
/** Under the web chat's 30 messages per minute per session. */
const WEB_GAP_MS = 2200;
const SCRIPT = ['hai', '1', 'alamat website simpeg apa', 'batal', 'menu', 'cara login srikandi'];
const TUNING = {
  LOG_LEVEL: 'warn',
  MONITORING: 'off',
  CHANNEL_LEASE_MS: '6000',
  QUEUE_LOCK_MS: '5000',
  QUEUE_STALLED_MS: '2000',
};

function note(line: string): void {
  process.stderr.write(`[multi-process] ${line}\n`);
}

interface Worker {
  run: RunningProcess;
  url: string;
}

async function ownsTelegram(url: string): Promise<boolean> {
  const res = await fetch(`${url}/readyz`).catch(() => null);
  if (!res) return false;
  const body = (await res.json()) as { channels?: { channel: string; owner: boolean }[] };
  return body.channels?.some((c) => c.channel === 'telegram' && c.owner) ?? false;
}

/** How long before the kill a send may have been on the wire (the owner's event loop lags under load). */
const IN_FLIGHT_MS = 3000;
/** At most this many sends in flight at the kill (about a second's worth at 30 per second, to be generous). */
const MAX_IN_FLIGHT_REPEATS = 30;

/** Whether a sendMessage text (the adapter's HTML: escaped, **bold** as <b>) carries this reply text. */
function renderedAs(reply: string, sent: string): boolean {
  return sent.startsWith(formatText(reply).slice(0, 60));
}

describe('two api and two worker processes, one Telegram poller, a worker killed mid-load', () => {
  let ok = false;
  let deployment: Deployment | null = null;
  let tg: FakeTelegramServer | null = null;
  const apis: RunningProcess[] = [];
  const workers: Worker[] = [];
  const streams: SseStream[] = [];
  let store: SqliteStore | null = null;

  beforeAll(async () => {
    ok = await requireRedisOrSkip();
    if (!ok) return;
    deployment = createDeployment(TEST_REDIS_URL, 'mproc');
    tg = await FakeTelegramServer.start();
    const env = { ...TUNING, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      workers.push({ run: await runService(deployment, 'worker', { ...env, PORT: String(port) }, 120_000), url: `http://127.0.0.1:${port}` });
    }
    for (let i = 0; i < 2; i++) apis.push(await runService(deployment, 'api', env, 120_000));
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    await store?.close();
    for (const p of [...apis, ...workers.map((w) => w.run)]) await p.terminate().catch(() => undefined);
    await tg?.close();
    await deployment?.cleanup();
  });

  it('answers every message exactly once with exactly one poller, also across a SIGKILL of the channel owner', async () => {
    if (!ok) return;
    const fake = tg!;
    const owner = async () => {
      const flags = await Promise.all(workers.map((w) => (w.run.proc.running ? ownsTelegram(w.url) : false)));
      return flags.filter(Boolean).length === 1 ? workers[flags.indexOf(true)]! : null;
    };
    const first = await eventually(owner, 'one worker to own the Telegram channel', 30_000);
    expect(await Promise.all(apis.map((a) => ownsTelegram(a.url)))).toEqual([false, false]); // api processes never poll
    note(`telegram owned by worker pid ${first.run.proc.pid}`);

    // Web chat sessions, spread over both api processes, each followed by an SSE stream.
    const sessions = await Promise.all(
      Array.from({ length: WEB_SESSIONS }, async (_, i) => {
        const client = await new WebchatClient(apis[i % 2]!.url).open();
        const stream = new SseStream(`${apis[(i + 1) % 2]!.url}/api/v1/webchat/sessions/${client.sessionId}/stream?token=${encodeURIComponent(client.token)}`);
        streams.push(stream);
        expect(await stream.open()).toBe(200);
        return { client, stream, accepted: [] as string[], refused: 0 };
      }),
    );

    const chatIds = Array.from({ length: TELEGRAM_CHATS }, (_, i) => 880_000 + i);
    const pushed = new Map<number, number>();
    const telegramLoad = (async () => {
      for (let round = 0; round < TELEGRAM_ROUNDS; round++) {
        for (const chatId of chatIds) {
          fake.pushUpdate(privateText({ chatId, text: SCRIPT[round % SCRIPT.length]!, date: 1_760_000_000 + round }));
          pushed.set(chatId, (pushed.get(chatId) ?? 0) + 1);
        }
        await sleep(2000);
      }
    })();
    const webLoad = Promise.all(
      sessions.map(async (s, i) => {
        await sleep((i * WEB_GAP_MS) / WEB_SESSIONS);
        for (let k = 0; k < WEB_ROUNDS; k++) {
          const client = s.client;
          const res = await client.post(SCRIPT[k % SCRIPT.length]!, `m${i}-${k}`).catch(() => null);
          if (res?.status === 202) s.accepted.push(String(res.body.id));
          else s.refused++;
          await sleep(WEB_GAP_MS);
        }
      }),
    );

    // Mid-load: the owner of the Telegram channel dies without warning.
    await eventually(() => fake.callsOf('sendMessage').length >= 300, '300 Telegram replies sent', 120_000);
    const killedAt = Date.now();
    await first.run.kill();
    note(`killed the owner at ${fake.callsOf('sendMessage').length} sendMessage calls`);
    const survivor = workers.find((w) => w !== first)!;
    await eventually(() => ownsTelegram(survivor.url), 'the surviving worker to own the Telegram channel', 60_000);
    note(`telegram taken over after ${Date.now() - killedAt} ms`);

    await Promise.all([telegramLoad, webLoad]);
    const totalTelegram = [...pushed.values()].reduce((a, b) => a + b, 0);
    const totalWeb = sessions.reduce((n, s) => n + s.accepted.length, 0);
    note(`sent ${totalTelegram} Telegram updates and ${totalWeb} accepted web chat messages (${sessions.reduce((n, s) => n + s.refused, 0)} refused)`);
    expect(totalTelegram + totalWeb).toBeGreaterThan(1000);

    // Everything settles: each Telegram chat has every update stored and answered, and as many
    // sendMessage calls as reply entries.
    store = new SqliteStore({ dataDir: deployment!.dataDir });
    await store.open();
    const db = store;
    const transcripts = new Map<number, TranscriptEntry[]>();
    const sentTo = (chatId: number) => fake.callsOf('sendMessage').filter((c) => Number(c.body.chat_id) === chatId).length;
    const settled = async () => {
      for (const chatId of chatIds) {
        const conversation = await db.findConversation('telegram', String(chatId));
        if (!conversation) return false;
        const entries = await db.transcript(conversation.id);
        transcripts.set(chatId, entries);
        const users = entries.filter((e) => e.from === 'user');
        const replies = entries.filter((e) => e.from !== 'user');
        const answered = new Set(replies.map((e) => REPLY_ID.exec(e.id)?.[1]));
        if (users.length !== pushed.get(chatId) || users.some((u) => !answered.has(u.id))) return false;
        if (sentTo(chatId) < replies.length) return false;
      }
      return true;
    };
    await eventually(settled, 'every Telegram message answered and every reply sent', 180_000, () => `sendMessage: ${fake.callsOf('sendMessage').length}`, 1000);
    await sleep(3000); // a duplicate send would come now, from a redelivered job
    await settled();
    const problems: string[] = [];
    let repeatedAcrossKill = 0;
    for (const chatId of chatIds) {
      const entries = transcripts.get(chatId)!;
      const users = entries.filter((e) => e.from === 'user');
      const replies = entries.filter((e) => e.from !== 'user');
      if (users.length !== pushed.get(chatId)) problems.push(`chat ${chatId}: ${users.length} of ${pushed.get(chatId)} messages stored`);
      for (const u of users) {
        const set = replies.filter((r) => REPLY_ID.exec(r.id)?.[1] === u.id).map((r) => Number(REPLY_ID.exec(r.id)![2]));
        if (set.length === 0 || set.some((n, i) => n !== i)) problems.push(`chat ${chatId}: message ${u.id} has replies ${JSON.stringify(set)}`);
      }
      // One sendMessage per reply entry (texts as rendered: compare by count and by text).
      const calls = fake.callsOf('sendMessage').filter((c) => Number(c.body.chat_id) === chatId);
      const byText = new Map<string, number[]>();
      for (const c of calls) byText.set(String(c.body.text), [...(byText.get(String(c.body.text)) ?? []), c.at]);
      let repeats = 0;
      for (const [text, at] of byText) {
        const expected = replies.filter((r) => calls.length && renderedAs(r.text, text)).length || 1;
        if (at.length <= expected) continue;
        repeats += at.length - expected;
        const first = at[0]!;
        if (!(first <= killedAt && first > killedAt - IN_FLIGHT_MS && at.slice(1).every((t) => t > killedAt))) {
          problems.push(`chat ${chatId}: "${text.slice(0, 40)}" sent ${at.length} times, not only across the kill (ms from the kill: ${at.map((t) => t - killedAt).join(', ')})`);
        }
      }
      if (calls.length - repeats !== replies.length) problems.push(`chat ${chatId}: ${calls.length} sendMessage (${repeats} repeated across the kill) for ${replies.length} replies`);
      repeatedAcrossKill += repeats;
    }
    note(`sendMessage calls: ${fake.callsOf('sendMessage').length}; repeated because in flight at the SIGKILL: ${repeatedAcrossKill}`);
    expect(problems).toEqual([]);
    expect(repeatedAcrossKill).toBeLessThanOrEqual(MAX_IN_FLIGHT_REPEATS);

    // Web chat: every accepted message has exactly one reply set, and its stream carried them all.
    for (const s of sessions) {
      const history = await eventually(
        async () => {
          const h = await s.client.fullHistory();
          const firsts = new Set(h.filter((m) => m.from !== 'user' && REPLY_ID.exec(m.id)?.[2] === '0').map((m) => REPLY_ID.exec(m.id)![1]));
          return s.accepted.every((id) => firsts.has(id)) ? h : null;
        },
        `session ${s.client.sessionId} answered`,
        120_000,
        undefined,
        500,
      );
      const ids = history.map((m) => m.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      expect(history.filter((m) => m.from === 'user').map((m) => m.id)).toEqual(s.accepted);
      for (const id of s.accepted) {
        const set = history.filter((m) => REPLY_ID.exec(m.id)?.[1] === id).map((m) => Number(REPLY_ID.exec(m.id)![2]));
        expect({ id, set }).toEqual({ id, set: set.map((_, i) => i) });
      }
      await s.stream.waitFor(() => history.every((m) => s.stream.data<{ id: string }>().some((e) => e.id === m.id)), `stream of ${s.client.sessionId} complete`, 30_000);
      const streamed = s.stream.data<{ id: string }>().map((e) => e.id);
      expect(streamed.filter((id, i) => streamed.indexOf(id) !== i)).toEqual([]);
    }

    // One poller at every moment, and polling went on after the takeover.
    note(`getUpdates calls: ${fake.polls.length}, most open at once: ${fake.maxOpenPolls}`);
    expect(fake.maxOpenPolls).toBe(1);
    const sorted = [...fake.polls].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end ?? Infinity);
    expect(fake.polls.some((p) => p.start > killedAt && p.timeout > 0)).toBe(true);
    expect(await ownsTelegram(survivor.url)).toBe(true);
  });
});
