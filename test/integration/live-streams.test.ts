/**
 * Live streams (Server-Sent Events) that cannot miss: the web chat stream and the console stream
 * answer only once their subscription is confirmed, give every event an id, and replay what a
 * reconnecting client missed (Last-Event-ID, or `after` on a fresh connection). Against the real
 * service, once with BullMQ and the Redis event bus and once embedded.
 */
import { webchatTopic } from '../../src/engine/live-events';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { requireRedisOrSkip } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';
import { SseStream } from '../helpers/sse-client';
import { type ChatMessage, WebchatClient } from '../helpers/webchat-client';

type Streamed = ChatMessage & { cursor: string };

describe.each([
  ['BullMQ and the Redis event bus', true],
  ['the embedded queue', false],
])('live streams with %s', (_name, redis) => {
  let service: TestService | null = null;
  let skip = false;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    if (redis && !(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    service = await startTestService({ redis });
  });
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });
  afterAll(async () => {
    await service?.cleanup();
  });

  const chatStream = (c: WebchatClient, query = '') => {
    const stream = new SseStream(`${service!.url}/api/v1/webchat/sessions/${c.sessionId}/stream?token=${encodeURIComponent(c.token)}${query}`);
    streams.push(stream);
    return stream;
  };

  it('delivers an event published the moment the stream has answered (the subscription was confirmed first)', async () => {
    if (skip) return;
    // Without the confirmation, Redis drops what is published before SUBSCRIBE is active.
    for (let i = 0; i < 15; i++) {
      const c = await new WebchatClient(service!.url).open();
      const stream = chatStream(c);
      expect(await stream.open()).toBe(200);
      const entry = { id: `probe-${i}`, conversationId: 'c', seq: 1, from: 'bot', text: `halo ${i}`, at: Date.now() };
      await service!.events.publish(webchatTopic(c.sessionId), { kind: 'entry', conversationId: 'c', entry });
      await stream.waitFor(() => stream.data().length === 1, `the probe on stream ${i}`);
      expect(stream.data<Streamed>()[0]).toMatchObject({ id: `probe-${i}`, text: `halo ${i}`, cursor: '1' });
      expect(stream.events[0]!.id).toBe('1');
      stream.close();
    }
  });

  it('replays from the start, then after Last-Event-ID on a reconnect: each message once, in order', async () => {
    if (skip) return;
    const c = await new WebchatClient(service!.url).open();
    await c.say('halo');
    const stored = (await c.history()).messages;
    const first = chatStream(c);
    expect(await first.open()).toBe(200);
    await first.waitFor(() => first.data().length >= stored.length, 'the replay of the first turn');
    expect(first.data<Streamed>().map((m) => m.id)).toEqual(stored.map((m) => m.id));
    const resumeFrom = first.lastEventId;
    expect(resumeFrom).toMatch(/^\d+$/);
    first.close();

    // Missed while disconnected.
    await c.say('alamat website simpeg apa');
    const all = (await c.history()).messages;
    const missed = all.slice(stored.length);
    expect(missed.length).toBeGreaterThan(1);

    const second = chatStream(c);
    expect(await second.open(resumeFrom)).toBe(200);
    await second.waitFor(() => second.data().length >= missed.length, 'what was missed');
    // Then a live turn on the same connection.
    await c.say('terima kasih');
    const after = (await c.history()).messages.slice(all.length);
    await second.waitFor(() => second.data().length >= missed.length + after.length, 'the live turn');
    const got = second.data<Streamed>();
    expect(got.map((m) => m.id)).toEqual([...missed, ...after].map((m) => m.id));
    const cursors = got.map((m) => Number(m.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(second.events.map((e) => e.id)).toEqual(got.map((m) => m.cursor));
  });

  it('starts after the cursor given as `after`, and refuses a malformed one', async () => {
    if (skip) return;
    const c = await new WebchatClient(service!.url).open();
    await c.say('halo');
    const before = await c.history();
    await c.say('cara login srikandi');
    const later = (await c.history(before.cursor)).messages;
    const stream = chatStream(c, `&after=${before.cursor}`);
    expect(await stream.open()).toBe(200);
    await stream.waitFor(() => stream.data().length >= later.length, 'the messages after the cursor');
    expect(stream.data<Streamed>().map((m) => m.id)).toEqual(later.map((m) => m.id));
    const bad = chatStream(c, '&after=abc');
    expect(await bad.open()).toBe(400);
  });

  it('the console stream replays the watched conversation after its cursor and ids every event', async () => {
    if (skip) return;
    const password = 'konsol-rahasia-2026';
    const email = `koordinator-${redis ? 'r' : 'e'}@cirebonkab.go.id`;
    await addOrUpdateOfficer(service!.store, service!.knowledge, { email, password, role: 'koordinator-layanan', agency: 'diskominfo', name: 'Koordinator' });
    const login = await fetch(`${service!.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { token } = (await login.json()) as { token: string };
    const c = await new WebchatClient(service!.url).open();
    await c.say('halo');
    const conversation = (await service!.store.findConversation('webchat', c.sessionId))!;
    const seen = (await service!.store.transcript(conversation.id)).at(-1)!.seq;
    await c.say('alamat website simpeg apa');
    const missed = (await service!.store.transcript(conversation.id, seen)).map((e) => e.id);

    const stream = new SseStream(`${service!.url}/api/v1/console/stream?watch=${conversation.id}&after=${conversation.id}.${seen}`, { authorization: `Bearer ${token}` });
    streams.push(stream);
    expect(await stream.open()).toBe(200);
    await stream.waitFor(() => stream.data('entry').length >= missed.length, 'the replay on the console stream');
    expect(stream.data<{ entry: { id: string } }>('entry').map((e) => e.entry.id)).toEqual(missed);
    expect(stream.events[0]!.event).toBe('ready');
    const lastSeq = (await service!.store.transcript(conversation.id)).at(-1)!.seq;
    expect(stream.lastEventId).toBe(`${conversation.id}.${lastSeq}`);
    // Reconnecting with that id replays nothing old; a new turn arrives once.
    stream.close();
    const again = new SseStream(`${service!.url}/api/v1/console/stream?watch=${conversation.id}`, { authorization: `Bearer ${token}` });
    streams.push(again);
    expect(await again.open(`${conversation.id}.${lastSeq}`)).toBe(200);
    await again.waitFor(() => again.events.some((e) => e.event === 'ready'), 'ready');
    await c.say('terima kasih');
    const fresh = (await service!.store.transcript(conversation.id, lastSeq)).map((e) => e.id);
    await again.waitFor(() => again.data('entry').length >= fresh.length, 'the new turn');
    expect(again.data<{ entry: { id: string } }>('entry').map((e) => e.entry.id)).toEqual(fresh);
  });
});
