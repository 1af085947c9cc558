/**
 * The adapter as one of several processes: long polls end before the channel owner's lease does
 * (pollUntil), polling pauses without lease time and resumes with it, and a button sent by one
 * process resolves in another through the shared callback store.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TelegramAdapter } from '../../../channels/telegram/adapter';
import type { CallbackValueStore } from '../../../channels/telegram/callback-data';
import { callbackQuery, FakeTelegramServer } from '../../helpers/fake-telegram-server';
import { eventually } from '../../helpers/run-service';
import { AutoClock, RecordingIngress } from './doubles';

let tg: FakeTelegramServer;
const adapters: TelegramAdapter[] = [];

beforeEach(async () => {
  tg = await FakeTelegramServer.start();
});

afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop();
  await tg.close();
});

function adapter(deps: ConstructorParameters<typeof TelegramAdapter>[1] = {}): TelegramAdapter {
  const a = new TelegramAdapter({ token: tg.token, apiRoot: tg.apiRoot }, { clock: new AutoClock(), ...deps });
  adapters.push(a);
  return a;
}

const longPolls = () => tg.callsOf('getUpdates').filter((c) => typeof c.body.timeout === 'number');

describe('telegram adapter under a channel lease', () => {
  it('asks for long polls that end before the lease, pauses without lease time, resumes with it', async () => {
    // A lease renewed all along, 3.6 s ahead: 1.6 s beyond the 2 s margin, so polls of 1 s.
    let until = (): number => Date.now() + 3600;
    const a = adapter({ pollUntil: () => until() });
    await a.start(new RecordingIngress());
    await tg.waitForCalls('getUpdates', 2);
    for (const poll of longPolls()) expect(poll.body.timeout).toBeLessThanOrEqual(1);

    until = () => 0; // the lease is gone (or about to be): no further poll may start
    await sleep(1500); // the poll in flight (1 s at most) ends
    const before = tg.callsOf('getUpdates').length;
    const getMeBefore = tg.callsOf('getMe').length;
    await sleep(2500);
    expect(tg.callsOf('getUpdates').length).toBe(before);
    expect(tg.callsOf('getMe').length).toBe(getMeBefore); // paused quietly, not reconnecting

    until = () => Date.now() + 60_000;
    await eventually(() => longPolls().length > 0 && longPolls()[longPolls().length - 1]!.body.timeout === 50, 'a full long poll again', 10_000);
  });

  it('polls with Telegraf’s own timeout when no lease limits it', async () => {
    const a = adapter();
    await a.start(new RecordingIngress());
    await tg.waitForCalls('getUpdates');
    expect(longPolls()[0]!.body.timeout).toBe(50);
  });

  it('resolves a long option value sent by another process (the shared callback store)', async () => {
    const shared = new Map<string, string>();
    const callbackStore: CallbackValueStore = {
      put: async (k, v) => void shared.set(k, v),
      get: async (k) => shared.get(k) ?? null,
    };
    const sender = adapter({ callbackStore }); // sends only (the owner), never started
    const ingress = new RecordingIngress();
    const receiver = adapter({ callbackStore });
    await receiver.start(ingress);
    const long = 'pilih-layanan:' + 'permintaan-perubahan-data-kepegawaian-'.repeat(3);
    await sender.send('111', { text: 'Pilih:', options: [{ label: 'Ubah data', value: long }] });
    const data = tg.callsOf('sendMessage')[0]!.body.reply_markup.inline_keyboard[0][0].callback_data as string;
    expect(data.startsWith('#k:')).toBe(true);
    expect(shared.get(data)).toBe(long);
    tg.pushUpdate(callbackQuery({ chatId: 111, data, id: 'cbq-9' }));
    const [got] = await ingress.waitFor(1);
    expect(got!.text).toBe(long);
  });
});
