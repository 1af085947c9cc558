/**
 * 30 reporters of one outage on three channels, through the real service on BullMQ and Redis:
 * 10 on the web chat (HTTP API), 10 on Telegram (telegraf polling the local fake Bot API), 10 on
 * WhatsApp (the real adapter on the fake whatsapp-web.js client). SIMPEG's server (a local server
 * on 127.0.0.1) goes down: the monitor opens an incident, the agency's Telegram group hears of it,
 * every reporter is told it is known and their ticket is linked. The server comes back: the
 * monitor closes the incident and each reporter is told exactly once, on their own channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WhatsAppAdapter } from '../../channels/whatsapp/adapter';
import { parseWhatsAppConfig } from '../../channels/whatsapp/config';
import { silentLogger } from '../../channels/whatsapp/wa-types';
import { FileAttachmentStore } from '../../src/attachments/file-attachment-store';
import { GROUPS, type GroupDoc } from '../../src/officers/group-registry';
import { eventually as until, sendMessagesTo, waitTurn } from '../helpers/channel-e2e';
import { TICKET_RE } from '../helpers/citizen';
import { FakeTelegramServer, privateText } from '../helpers/fake-telegram-server';
import { fakeClientFactory, textMessage } from '../helpers/fake-whatsapp-client';
import { LoopbackSite } from '../helpers/loopback-site';
import { officerToken, incidents, serviceStatus, writeMonitorsFile } from '../helpers/operations';
import { requireRedisOrSkip } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(180_000);

const TOKEN = '123:abc';
const GROUP_CHAT = '-1007770001';
const KNOWN = /sudah kami ketahui/i;
const RECOVERED = /sudah teratasi/i;
const REPORT = 'simpeg error tidak bisa login dari pagi';

describe('30 reporters on web chat, Telegram and WhatsApp, each told once when the outage is over', () => {
  let site: LoopbackSite;
  let fake: FakeTelegramServer;
  let service: TestService | null = null;
  let dir = '';
  let skip = false;
  const wa = fakeClientFactory();

  const webchat: WebchatClient[] = [];
  const telegramChats = Array.from({ length: 10 }, (_, i) => 880_001 + i);
  const whatsappChats = Array.from({ length: 10 }, (_, i) => `62812300000${String(i).padStart(2, '0')}@c.us`);
  const tickets = new Map<string, string>(); // reporter -> ticket number

  beforeAll(async () => {
    if (!(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    site = await LoopbackSite.start();
    fake = await FakeTelegramServer.start(TOKEN);
    dir = mkdtempSync(join(tmpdir(), 'hd-ops-channels-'));
    const whatsapp = new WhatsAppAdapter({
      config: parseWhatsAppConfig({ enabled: true, dataDir: join(dir, 'whatsapp-auth'), perChatIntervalMs: 0, globalPerMinute: 10_000 }),
      clientFactory: wa.factory,
      hasWrittenFirst: async (threadId) => (await service!.store.findConversation('whatsapp', threadId)) !== null,
      attachments: new FileAttachmentStore(dir),
      log: silentLogger,
    });
    service = await startTestService({
      redis: true,
      DATA_DIR: join(dir, 'data'),
      MONITORING: true,
      MONITORS_FILE: writeMonitorsFile(dir, [{ service: 'kepegawaian', url: site.url }]),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      adapters: { whatsapp },
    });
    wa.latest().emit('ready');
    await until('both channels to connect', () =>
      service!.adapters.telegram?.status().state === 'connected' && service!.adapters.whatsapp?.status().state === 'connected' ? true : undefined,
    );
    // BKPSDM's Telegram notification group (registered by /daftar_grup in real life).
    await service.store.putDoc<GroupDoc>(GROUPS, GROUP_CHAT, { chatId: GROUP_CHAT, title: 'Petugas BKPSDM', agency: 'bkpsdm', registeredAt: Date.now(), registeredBy: { id: '1', name: 'Admin' } });
  });
  afterAll(async () => {
    await service?.cleanup();
    await fake?.close();
    await site?.down();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens an incident when SIMPEG stops answering and tells BKPSDM’s Telegram group', async () => {
    if (skip) return;
    await until('SIMPEG up', async () => ((await serviceStatus(service!.url, 'kepegawaian')).state === 'up' ? true : undefined), 30_000);
    await site.down();
    await until('the incident on /api/v1/status', async () => ((await serviceStatus(service!.url, 'kepegawaian')).incident ? true : undefined), 30_000);
    const notice = await until('the group notice', () => sendMessagesTo(fake.calls, GROUP_CHAT).find((c) => /dibuka/.test(String(c.body.text))), 20_000);
    expect(String(notice.body.text)).toMatch(/INS-\d{6}-\d{3}/);
    expect(String(notice.body.text)).not.toMatch(/HD-|08\d|@/); // no personal data
  });

  it('tells each of the 30 reporters it is known and links their ticket', async () => {
    if (skip) return;
    const webAnswers = Promise.all(
      Array.from({ length: 10 }, async () => {
        const c = await new WebchatClient(service!.url).open();
        webchat.push(c);
        const text = WebchatClient.text(await c.say(REPORT, 30_000));
        tickets.set(`webchat:${c.sessionId}`, TICKET_RE.exec(text)?.[0] ?? '');
        return text;
      }),
    );
    const tgAnswers = Promise.all(
      telegramChats.map(async (chatId) => {
        const update = fake.pushUpdate(privateText({ chatId, text: REPORT }));
        await waitTurn(service!.store, 'telegram', String(chatId), `m:${chatId}:${update.message.message_id}`, { limitMs: 60_000 });
        const text = sendMessagesTo(fake.calls, chatId).map((c) => String(c.body.text)).join('\n');
        tickets.set(`telegram:${chatId}`, TICKET_RE.exec(text)?.[0] ?? '');
        return text;
      }),
    );
    const waAnswers = Promise.all(
      whatsappChats.map(async (from) => {
        const msg = textMessage(from, REPORT);
        wa.latest().emit('message', msg);
        await waitTurn(service!.store, 'whatsapp', from, msg.id._serialized, { limitMs: 60_000 });
        const text = wa.latest().textsTo(from).join('\n');
        tickets.set(`whatsapp:${from}`, TICKET_RE.exec(text)?.[0] ?? '');
        return text;
      }),
    );
    const answers = [...(await webAnswers), ...(await tgAnswers), ...(await waAnswers)];
    expect(answers).toHaveLength(30);
    for (const text of answers) {
      expect(text).toMatch(KNOWN);
      expect(text).toMatch(TICKET_RE);
    }
    const numbers = [...tickets.values()];
    expect(new Set(numbers).size).toBe(30);
    const koordinator = await officerToken(service!.url, service!, 'pemulihan@diskominfo.cirebonkab.go.id', 'koordinator-pemulihan', 'diskominfo');
    const [incident] = await incidents(service!.url, koordinator, 'open');
    expect([...incident!.tickets].sort()).toEqual([...numbers].sort());
  });

  it('tells every reporter exactly once on their own channel when SIMPEG is back', async () => {
    if (skip) return;
    const webNotices = async (c: WebchatClient) => (await c.history('0')).messages.filter((m) => m.from === 'bot' && RECOVERED.test(m.text)).map((m) => m.text);
    const tgNotices = (chatId: number) => sendMessagesTo(fake.calls, chatId).map((c) => String(c.body.text)).filter((t) => RECOVERED.test(t));
    const waNotices = (from: string) => wa.latest().textsTo(from).filter((t) => RECOVERED.test(t));
    await site.up();
    await until(
      'all 30 recovery notices',
      async () => {
        const web = await Promise.all(webchat.map(webNotices));
        return web.every((n) => n.length > 0) && telegramChats.every((c) => tgNotices(c).length > 0) && whatsappChats.every((f) => waNotices(f).length > 0) ? true : undefined;
      },
      90_000,
    );
    // Everything queued has gone out, and the repair sweep finds nothing left to tell.
    await service!.operations.desk.sweep();
    await service!.operations.desk.idle();
    await until('the outbound queue to drain', async () => {
      const s = await service!.queue.stats();
      return s.outboundWaiting === 0 ? true : undefined;
    });

    for (const c of webchat) {
      const n = await webNotices(c);
      expect(n).toHaveLength(1);
      expect(n[0]).toContain(tickets.get(`webchat:${c.sessionId}`));
    }
    for (const chatId of telegramChats) {
      expect(tgNotices(chatId)).toHaveLength(1);
      expect(tgNotices(chatId)[0]).toContain(tickets.get(`telegram:${chatId}`));
    }
    for (const from of whatsappChats) {
      expect(waNotices(from)).toHaveLength(1);
      expect(waNotices(from)[0]).toContain(tickets.get(`whatsapp:${from}`));
    }
    const resolvedNotice = await until('the group notice of the resolution', () => sendMessagesTo(fake.calls, GROUP_CHAT).find((c) => /selesai/.test(String(c.body.text))), 20_000);
    expect(String(resolvedNotice.body.text)).toMatch(/30 tiket/);
    for (const number of tickets.values()) expect((await service!.store.getTicket(number))!.status).toBe('selesai');
    // The group heard of the incident twice (opened, resolved), not of each of the 30 tickets.
    expect(sendMessagesTo(fake.calls, GROUP_CHAT).map((c) => String(c.body.text)).filter((t) => /HD-\d{6}/.test(t))).toEqual([]);
  });
});
