/**
 * Telegram end to end through the real service: telegraf long polling against the local fake Bot
 * API (test/helpers/fake-telegram-server.ts) -> ingress -> store -> queue (BullMQ on real Redis,
 * and once the in-process queue) -> NLU + dialogue -> tickets -> outbound queue -> sendMessage at
 * the fake. The user answers the bot from what it sent (texts and inline keyboards), so the
 * assertions hold on stable facts (ticket fields, number pattern, URLs), not on wording.
 */
import { eventually, buttonsOf, sendMessagesTo, telegramAsChat, waitTurn } from '../helpers/channel-e2e';
import { nextAnswer, TICKET_RE } from '../helpers/citizen';
import { BLOCKED, callbackQuery, FakeTelegramServer, privateText, type RecordedCall, tooManyRequests } from '../helpers/fake-telegram-server';
import { requireRedisOrSkip } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

const TOKEN = '123:abc';
const NIP = '199001012015031001';

jest.setTimeout(90_000);

describe.each([
  ['BullMQ on Redis', true],
  ['in-process queue', false],
])('Telegram end to end with %s', (_name, redis) => {
  let fake: FakeTelegramServer;
  let service: TestService | null = null;
  let skip = false;

  beforeAll(async () => {
    if (redis && !(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    fake = await FakeTelegramServer.start(TOKEN);
    service = await startTestService({ redis, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    await eventually('the Telegram channel to connect', () => (service!.adapters.telegram?.status().state === 'connected' ? true : undefined));
  });
  afterAll(async () => {
    await service?.cleanup();
    await fake?.close();
  });

  /** The user types `text`; resolves with what the bot sent to that chat during the turn. */
  async function say(chatId: number, text: string, limitMs?: number): Promise<RecordedCall[]> {
    const mark = fake.calls.length;
    const update = fake.pushUpdate(privateText({ chatId, text }));
    await waitTurn(service!.store, 'telegram', String(chatId), `m:${chatId}:${update.message.message_id}`, limitMs ? { limitMs } : {});
    return sendMessagesTo(fake.calls, chatId, mark);
  }

  /** The user presses an inline button carrying `data`. */
  async function press(chatId: number, data: string): Promise<RecordedCall[]> {
    const mark = fake.calls.length;
    const update = fake.pushUpdate(callbackQuery({ chatId, data }));
    await waitTurn(service!.store, 'telegram', String(chatId), `cb:${update.callback_query.id}`);
    // The button stops spinning: the callback query is answered.
    expect(fake.callsOf('answerCallbackQuery').map((c) => c.body.callback_query_id)).toContain(update.callback_query.id);
    return sendMessagesTo(fake.calls, chatId, mark);
  }

  const textOf = (calls: RecordedCall[]) => WebchatClient.text(telegramAsChat(calls));

  it('answers a SIMPEG question with the SIMPEG address', async () => {
    if (skip) return;
    const sent = await say(1001, 'link simpeg dimana ya');
    expect(sent.length).toBeGreaterThan(0);
    // The address may be in the text or on a URL button.
    expect(JSON.stringify(sent.map((c) => c.body))).toMatch(/simpeg\.cirebonkab\.go\.id/i);
    expect(sent.every((c) => c.body.parse_mode === 'HTML')).toBe(true);
  });

  it('walks a SIMPEG outage report to a BKPSDM ticket, then shows its status on /tiket', async () => {
    if (skip) return;
    const chatId = 1002;
    let last = await say(chatId, 'simpeg error tidak bisa login sejak pagi');
    const pressed: string[] = [];
    const typed: string[] = [];
    let ticket: string | null = null;
    for (let turn = 0; turn < 12 && !ticket; turn++) {
      const seen = textOf(last);
      ticket = TICKET_RE.exec(seen)?.[0] ?? null;
      if (ticket) break;
      expect(last.length).toBeGreaterThan(0); // the bot never goes silent mid-dialogue
      const answer = nextAnswer(telegramAsChat(last));
      const buttons = last.flatMap(buttonsOf);
      if (buttons.some((b) => b.callback_data === answer)) {
        pressed.push(answer);
        last = await press(chatId, answer);
      } else {
        typed.push(answer);
        last = await say(chatId, answer);
      }
    }
    if (!ticket) throw new Error(`no ticket number in the chat; the bot said:\n${textOf(sendMessagesTo(fake.calls, chatId))}`);
    // The dialogue used the inline keyboard at least once (confirm / skip), and typed answers.
    expect(pressed.length).toBeGreaterThan(0);

    const stored = await service!.store.getTicket(ticket);
    expect(stored).not.toBeNull();
    expect(stored!.number).toMatch(/^HD-\d{6}-\d{4,}$/);
    expect(stored!.category).toBe('gangguan');
    expect(stored!.service).toBe('kepegawaian');
    expect(stored!.agency).toBe('bkpsdm');
    expect(stored!.status).toBe('baru');
    expect(stored!.reporter.channel).toBe('telegram');
    expect(stored!.reporter.senderId).toBe(String(chatId));
    if (typed.includes(NIP)) expect(stored!.reporter.nip).toBe(NIP);
    if (typed.includes('081234567890')) expect(stored!.reporter.contact).toMatch(/81234567890/);

    // /tiket <nomor> -> the status of that ticket, in the same chat.
    const status = textOf(await say(chatId, `/tiket ${ticket}`));
    expect(status).toContain(ticket);
    expect(status.toLowerCase()).toMatch(/\bbaru\b/);
  });

  it('waits out a 429 from sendMessage and delivers the reply once', async () => {
    if (skip) return;
    const chatId = 1003;
    const mark = fake.calls.length;
    fake.failNext('sendMessage', tooManyRequests(1));
    const update = fake.pushUpdate(privateText({ chatId, text: 'link simpeg dimana ya' }));
    const { conversationId, transcript } = await waitTurn(service!.store, 'telegram', String(chatId), `m:${chatId}:${update.message.message_id}`);
    await new Promise((r) => setTimeout(r, 1500)); // room for a (wrong) second copy to show up
    const calls = sendMessagesTo(fake.calls, chatId, mark);
    const replies = transcript.filter((e) => e.from !== 'user');
    // One refused call (429), then every reply exactly once: the refused one was sent again.
    expect(calls).toHaveLength(replies.length + 1);
    const bodies = calls.map((c) => JSON.stringify(c.body));
    expect(bodies.filter((b) => b === bodies[0])).toHaveLength(2);
    expect(new Set(bodies).size).toBe(replies.length);
    expect(JSON.stringify(calls.map((c) => c.body))).toMatch(/simpeg\.cirebonkab\.go\.id/i);
    const deliveries = (await service!.store.listDeliveries({ limit: 5000 })).filter((d) => d.conversationId === conversationId);
    expect(deliveries.map((d) => d.status).sort()).toEqual(replies.map(() => 'sent'));
  });

  it('marks a user who blocked the bot unreachable, keeps the delivery as failed, and does not retry it', async () => {
    if (skip) return;
    const chatId = 1004;
    const mark = fake.calls.length;
    fake.failNext('sendMessage', BLOCKED);
    const update = fake.pushUpdate(privateText({ chatId, text: 'halo' }));
    const { conversationId } = await waitTurn(service!.store, 'telegram', String(chatId), `m:${chatId}:${update.message.message_id}`);
    const conversation = await service!.store.getConversation(conversationId);
    expect(conversation!.unreachable).toBe(true);
    const failed = (await service!.store.listDeliveries({ status: 'failed', limit: 5000 })).filter((d) => d.conversationId === conversationId);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.channel).toBe('telegram');
    expect(failed[0]!.lastError).toMatch(/403|blocked/i);

    await new Promise((r) => setTimeout(r, 2500)); // longer than the first retry delay (1 s)
    const calls = sendMessagesTo(fake.calls, chatId, mark);
    const refused = JSON.stringify(calls[0]!.body);
    expect(calls.filter((c) => JSON.stringify(c.body) === refused)).toHaveLength(1);
    const still = (await service!.store.listDeliveries({ status: 'failed', limit: 5000 })).filter((d) => d.conversationId === conversationId);
    expect(still.map((d) => d.id)).toEqual(failed.map((d) => d.id));
  });

  it('answers a user who unblocked the bot and writes again', async () => {
    if (skip) return;
    const chatId = 1005;
    fake.failNext('sendMessage', BLOCKED);
    const first = fake.pushUpdate(privateText({ chatId, text: 'halo' }));
    const { conversationId } = await waitTurn(service!.store, 'telegram', String(chatId), `m:${chatId}:${first.message.message_id}`);
    expect((await service!.store.getConversation(conversationId))!.unreachable).toBe(true);

    // Writing to the bot is only possible after unblocking it: the user is reachable again.
    const sent = await say(chatId, 'link simpeg dimana ya', 8000);
    expect(JSON.stringify(sent.map((c) => c.body))).toMatch(/simpeg\.cirebonkab\.go\.id/i);
    expect((await service!.store.getConversation(conversationId))!.unreachable).toBe(false);
  });
});
