/**
 * WhatsApp end to end through the real service, without a browser: the real WhatsAppAdapter on a
 * fake whatsapp-web.js client (test/helpers/fake-whatsapp-client.ts), injected into the real
 * service -> ingress -> store -> queue (BullMQ on real Redis, and once the in-process queue) ->
 * NLU + dialogue -> tickets -> outbound queue -> the fake client's sendMessage. Media go through
 * the real FileAttachmentStore under DATA_DIR. GET /readyz shows the channel's status.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WhatsAppAdapter } from '../../channels/whatsapp/adapter';
import { parseWhatsAppConfig } from '../../channels/whatsapp/config';
import { MENU_HINT } from '../../channels/whatsapp/renderer';
import { silentLogger } from '../../channels/whatsapp/wa-types';
import { FileAttachmentStore } from '../../src/attachments/file-attachment-store';
import type { ChannelStatus } from '../../channels/types';
import type { TranscriptEntry } from '../../src/store/port';
import { eventually, waitTurn, whatsappAsChat } from '../helpers/channel-e2e';
import { nextAnswer, TICKET_RE } from '../helpers/citizen';
import {
  fakeClientFactory,
  fakeMessage,
  type FakeMessage,
  groupMessage,
  mediaMessage,
  statusMessage,
  textMessage,
} from '../helpers/fake-whatsapp-client';
import { requireRedisOrSkip } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';

jest.setTimeout(60_000);

// A real 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.each([
  ['BullMQ on Redis', true],
  ['in-process queue', false],
])('WhatsApp end to end with %s', (_name, redis) => {
  let service: TestService | null = null;
  let skip = false;
  let dataDir = '';
  const clients = fakeClientFactory();
  /** Reconnects scheduled by the connection, run by the test when it wants. */
  const scheduled: (() => void)[] = [];

  beforeAll(async () => {
    if (redis && !(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-wa-e2e-'));
    const adapter = new WhatsAppAdapter({
      config: parseWhatsAppConfig({
        enabled: true,
        dataDir: join(dataDir, 'whatsapp-auth'),
        perChatIntervalMs: 0,
        globalPerMinute: 10_000,
      }),
      clientFactory: clients.factory,
      hasWrittenFirst: async (threadId) => (await service!.store.findConversation('whatsapp', threadId)) !== null,
      attachments: new FileAttachmentStore(dataDir),
      log: silentLogger,
      schedule: (fn) => {
        scheduled.push(fn);
        return () => {
          const i = scheduled.indexOf(fn);
          if (i >= 0) scheduled.splice(i, 1);
        };
      },
    });
    service = await startTestService({ redis, DATA_DIR: dataDir, adapters: { whatsapp: adapter } });
    clients.latest().emit('ready');
    await eventually('WhatsApp to be connected', () => (service!.adapters.whatsapp?.status().state === 'connected' ? true : undefined));
  });
  afterAll(async () => {
    await service?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const allSent = () => clients.clients.flatMap((c) => c.sent);
  const sentTo = (chatId: string, from = 0) => allSent().slice(from).filter((s) => s.chatId === chatId).map((s) => s.content);

  /** Emits `msg` on the current client; resolves with the texts sent to that chat during the turn and the transcript. */
  async function deliver(msg: FakeMessage): Promise<{ texts: string[]; transcript: TranscriptEntry[]; entries: TranscriptEntry[] }> {
    const mark = allSent().length;
    const before = (await conversationTranscript(msg.from)).length;
    clients.latest().emit('message', msg);
    const { transcript } = await waitTurn(service!.store, 'whatsapp', msg.from, msg.id._serialized);
    return { texts: sentTo(msg.from, mark), transcript, entries: transcript.slice(before) };
  }
  const say = (from: string, body: string) => deliver(textMessage(from, body));

  async function conversationTranscript(threadId: string): Promise<TranscriptEntry[]> {
    const c = await service!.store.findConversation('whatsapp', threadId);
    return c ? service!.store.transcript(c.id) : [];
  }

  async function readyzChannel(): Promise<ChannelStatus> {
    const res = await fetch(`${service!.url}/readyz`);
    const body = (await res.json()) as { channels: ChannelStatus[] };
    const wa = body.channels.find((c) => c.channel === 'whatsapp');
    if (!wa) throw new Error(`no whatsapp in /readyz channels: ${JSON.stringify(body)}`);
    return wa;
  }

  it('answers an inbound text through sendMessage, rendered for WhatsApp (numbered menu, *bold*)', async () => {
    if (skip) return;
    const from = '6281200000001@c.us';
    const bots = (entries: TranscriptEntry[]) => entries.filter((e) => e.from !== 'user');

    const greeting = await say(from, 'halo');
    const faq = await say(from, 'link simpeg dimana ya');
    const entries = [...bots(greeting.entries), ...bots(faq.entries)];
    const texts = [...greeting.texts, ...faq.texts];
    expect(bots(greeting.entries).length).toBeGreaterThan(0);
    expect(greeting.texts.length).toBeGreaterThanOrEqual(bots(greeting.entries).length);
    expect(faq.texts.join('\n')).toMatch(/simpeg\.cirebonkab\.go\.id/i);

    // Options -> "1. Label" lines and the hint to answer with a number; no buttons, no markdown.
    const withOptions = entries.filter((e) => e.options?.length);
    expect(withOptions.length).toBeGreaterThan(0);
    for (const e of withOptions) {
      const menu = e.options!.map((o, i) => `${i + 1}. ${o.label.trim()}`).join('\n');
      expect(texts.some((t) => t.includes(menu) && t.includes(MENU_HINT))).toBe(true);
    }
    // **bold** -> *bold*, and no double asterisk reaches WhatsApp.
    const bold = entries.flatMap((e) => [...e.text.matchAll(/\*\*(?=\S)([^*]*?\S)\*\*/g)].map((m) => m[1]!));
    expect(bold.length).toBeGreaterThan(0);
    for (const b of bold) expect(texts.some((t) => t.includes(`*${b}*`))).toBe(true);
    expect(texts.some((t) => t.includes('**'))).toBe(false);
  });

  it('answers the same message id once, also when it arrives again', async () => {
    if (skip) return;
    const from = '6281200000002@c.us';
    const msg = textMessage(from, 'link simpeg dimana ya');
    const mark = allSent().length;
    clients.latest().emit('message', msg);
    clients.latest().emit('message', msg);
    // Redelivered later as a new object with the same id (e.g. after a reconnect).
    clients.latest().emit('message', fakeMessage({ from, body: msg.body, id: msg.id._serialized }));
    const { transcript } = await waitTurn(service!.store, 'whatsapp', from, msg.id._serialized);
    await new Promise((r) => setTimeout(r, 500)); // room for a (wrong) second answer
    expect(transcript.filter((e) => e.from === 'user')).toHaveLength(1);
    const replies = transcript.filter((e) => e.from !== 'user');
    expect(replies.length).toBeGreaterThan(0);
    const texts = sentTo(from, mark);
    expect(texts).toHaveLength(replies.length);
    expect(new Set(texts).size).toBe(texts.length);
    expect((await conversationTranscript(from)).filter((e) => e.from === 'user')).toHaveLength(1);
  });

  it('ignores group and status messages: no reply, no conversation', async () => {
    if (skip) return;
    const mark = allSent().length;
    const group = groupMessage('halo semua, simpeg error ya?');
    const author = '6281299999999@c.us';
    const inGroup = fakeMessage({ from: group.from, author, body: 'link simpeg dimana ya' });
    const status = fakeMessage({ from: 'status@broadcast', author, body: 'status saya hari ini' });
    clients.latest().emit('message', group);
    clients.latest().emit('message', inGroup);
    clients.latest().emit('message', status);
    clients.latest().emit('message', statusMessage());
    // A private message after them is answered: the ignored ones had their chance to show up.
    const sentinel = await say('6281200000003@c.us', 'halo');
    expect(sentinel.texts.length).toBeGreaterThan(0);

    expect(allSent().slice(mark).every((s) => s.chatId === '6281200000003@c.us')).toBe(true);
    for (const threadId of [group.from, 'status@broadcast', author, '6281234567890@c.us']) {
      expect(await service!.store.findConversation('whatsapp', threadId)).toBeNull();
    }
  });

  it('takes menu numbers ("2" = second option) and a photo at the attachment step into the ticket', async () => {
    if (skip) return;
    const from = '6281200000004@c.us';
    // From the main menu, by number: the report starts without a known service, so it asks for one.
    const greeting = await say(from, 'halo');
    const report = whatsappAsChat(greeting.texts).flatMap((m) => m.options ?? []).find((o) => /gangguan/i.test(o.label));
    if (!report) throw new Error(`no "gangguan" line in the main menu:\n${greeting.texts.join('\n')}`);
    let turn = await say(from, report.value);
    let menuPick: string | null = null;
    let photoSent = false;
    let ticket: string | null = null;
    for (let i = 0; i < 12; i++) {
      const text = turn.texts.join('\n');
      ticket = TICKET_RE.exec(text)?.[0] ?? null;
      if (ticket) break;
      expect(turn.texts.length).toBeGreaterThan(0); // the bot never goes silent mid-dialogue
      const asked = turn.entries.filter((e) => e.from !== 'user').at(-1);
      const options = asked?.options ?? [];
      const lower = text.toLowerCase();
      if (!menuPick && options.length >= 2 && service!.knowledge.services.has(options[1]!.value)) {
        // The service menu: the citizen answers with the number of the second line.
        expect(text).toContain(`2. ${options[1]!.label.trim()}`);
        menuPick = options[1]!.value;
        turn = await say(from, '2');
      } else if (!photoSent && /foto|tangkapan layar/.test(lower) && !/kirim laporan|periksa laporan/.test(lower)) {
        photoSent = true;
        turn = await deliver(mediaMessage(from, { mimetype: 'image/png', bytes: PNG, filename: 'error-simpeg.png' }));
      } else {
        turn = await say(from, nextAnswer(whatsappAsChat(turn.texts)));
      }
    }
    if (!ticket) throw new Error(`no ticket number; the bot said:\n${sentTo(from).join('\n---\n')}`);
    expect(menuPick).not.toBeNull();
    expect(photoSent).toBe(true);

    const stored = await service!.store.getTicket(ticket);
    expect(stored).not.toBeNull();
    expect(stored!.category).toBe('gangguan');
    expect(stored!.service).toBe(menuPick);
    expect(stored!.reporter.channel).toBe('whatsapp');
    expect(stored!.reporter.senderId).toBe(from);
    expect(stored!.attachments).toHaveLength(1);
    const [photo] = stored!.attachments;
    expect(photo).toMatchObject({ kind: 'image', mimeType: 'image/png', sizeBytes: PNG.length });
    expect(photo!.storageKey).toBeTruthy();
    const file = join(dataDir, 'attachments', photo!.storageKey!);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).equals(PNG)).toBe(true);
  });

  it('reconnects after a disconnect, and /readyz shows the status change', async () => {
    if (skip) return;
    const first = clients.latest();
    expect((await readyzChannel()).state).toBe('connected');

    first.emit('disconnected', 'NAVIGATION');
    const down = await readyzChannel();
    expect(down.state).toBe('disconnected');
    expect(down.detail).toBeTruthy();
    expect(scheduled).toHaveLength(1); // a reconnect attempt is on its way

    scheduled.shift()!();
    const second = await eventually('a new WhatsApp client', () => (clients.clients.length === 2 && clients.latest().initializeCalls === 1 ? clients.latest() : undefined));
    expect(second).not.toBe(first);
    expect(first.destroyCalls).toBe(1);
    expect((await readyzChannel()).state).toBe('disconnected'); // not connected until the new session is ready

    second.emit('ready');
    expect((await readyzChannel()).state).toBe('connected');

    // The new session carries the conversation: an answer goes out through the new client.
    const from = '6281200000005@c.us';
    const { texts } = await say(from, 'link simpeg dimana ya');
    expect(texts.join('\n')).toMatch(/simpeg\.cirebonkab\.go\.id/i);
    expect(second.textsTo(from).length).toBe(texts.length);
    expect(first.textsTo(from)).toHaveLength(0);
  });
});
