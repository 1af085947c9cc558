import { parseWhatsAppConfig } from '../../../channels/whatsapp/config';
import { Pacer } from '../../../channels/whatsapp/pacing';
import { classifySendError, IdenticalBulkTextError, WhatsAppSender } from '../../../channels/whatsapp/sender';
import { RecipientUnreachableError, TransientError } from '../../../src/domain/errors';
import { FakeWhatsAppClient } from '../../helpers/fake-whatsapp-client';

const HOUR = 60 * 60_000;

function setup(opts: { writtenFirst?: string[]; connected?: boolean } = {}) {
  const config = parseWhatsAppConfig({ enabled: true, perChatIntervalMs: 1500, globalPerMinute: 40, identicalTextMaxChats: 5 });
  const client = new FakeWhatsAppClient();
  const clock = { t: 1_750_000_000_000 };
  const sleeps: number[] = [];
  const asked: string[] = [];
  let connected = opts.connected ?? true;
  const sender = new WhatsAppSender({
    config,
    hasWrittenFirst: async (id) => {
      asked.push(id);
      return (opts.writtenFirst ?? []).includes(id);
    },
    connectedClient: () => (connected ? client : null),
    now: () => clock.t,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.t += ms;
    },
  });
  return { sender, client, clock, sleeps, asked, setConnected: (v: boolean) => (connected = v) };
}

describe('Pacer', () => {
  it('spaces messages to one chat by the per-chat interval', async () => {
    const p = new Pacer(1500, 40);
    expect(await p.reserve('a', 0)).toBe(0);
    expect(await p.reserve('a', 0)).toBe(1500);
    expect(await p.reserve('a', 0)).toBe(3000);
    expect(await p.reserve('a', 5000)).toBe(0);
  });

  it('lets another chat go without the per-chat wait once the slot order allows it', async () => {
    const p = new Pacer(1500, 40);
    expect(await p.reserve('a', 0)).toBe(0);
    expect(await p.reserve('b', 0)).toBe(0);
    expect(await p.reserve('b', 100)).toBe(1400);
  });

  it('caps sends per rolling minute across chats', async () => {
    const p = new Pacer(0, 3);
    expect([await p.reserve('a', 0), await p.reserve('b', 10), await p.reserve('c', 20)]).toEqual([0, 0, 0]);
    expect(await p.reserve('d', 30)).toBe(60_000 - 30);
    expect(await p.reserve('e', 30)).toBe(60_010 - 30);
  });
});

describe('WhatsAppSender', () => {
  it('refuses a chat that never wrote, without calling sendMessage', async () => {
    const { sender, client, asked } = setup();
    await expect(sender.send('6289999999999@c.us', ['Halo'])).rejects.toBeInstanceOf(RecipientUnreachableError);
    expect(asked).toEqual(['6289999999999@c.us']);
    expect(client.sent).toHaveLength(0);
  });

  it('sends to a chat the store knows wrote first (after a restart)', async () => {
    const { sender, client } = setup({ writtenFirst: ['6281111111111@c.us'] });
    await sender.send('6281111111111@c.us', ['Status tiket Anda: diproses']);
    expect(client.textsTo('6281111111111@c.us')).toEqual(['Status tiket Anda: diproses']);
  });

  it('does not ask the store for a chat seen inbound', async () => {
    const { sender, asked, client } = setup();
    sender.noteInbound('6281234567890@c.us');
    await sender.send('6281234567890@c.us', ['Halo']);
    expect(asked).toEqual([]);
    expect(client.sent).toHaveLength(1);
  });

  it('waits between the parts of one reply (fake clock)', async () => {
    const { sender, client, sleeps } = setup();
    sender.noteInbound('6281234567890@c.us');
    await sender.send('6281234567890@c.us', ['satu', 'dua', 'tiga']);
    expect(client.textsTo('6281234567890@c.us')).toEqual(['satu', 'dua', 'tiga']);
    expect(sleeps).toEqual([1500, 1500]);
  });

  it('refuses identical proactive text to more than 5 chats, but allows direct replies', async () => {
    const chats = Array.from({ length: 8 }, (_, i) => `62812000000${i}@c.us`);
    const { sender, client, clock } = setup({ writtenFirst: chats });
    for (const c of chats.slice(0, 5)) await sender.send(c, ['Pengumuman: layanan libur besok.']);
    await expect(sender.send(chats[5]!, ['Pengumuman: layanan libur besok.'])).rejects.toBeInstanceOf(IdenticalBulkTextError);
    expect(client.sent).toHaveLength(5);
    // A chat that wrote in the last 24 h may get the same text: it is a reply.
    sender.noteInbound(chats[6]!, clock.t);
    await sender.send(chats[6]!, ['Pengumuman: layanan libur besok.']);
    expect(client.sent).toHaveLength(6);
    // An old inbound (more than 24 h ago) does not count as a direct reply.
    sender.noteInbound(chats[7]!, clock.t - 25 * HOUR);
    await expect(sender.send(chats[7]!, ['Pengumuman: layanan libur besok.'])).rejects.toBeInstanceOf(IdenticalBulkTextError);
    // After the window the text may go out again.
    clock.t += 11 * 60_000;
    await sender.send(chats[5]!, ['Pengumuman: layanan libur besok.']);
    expect(client.sent).toHaveLength(7);
  });

  it('throws TransientError when not connected', async () => {
    const { sender, client } = setup({ connected: false });
    sender.noteInbound('6281234567890@c.us');
    await expect(sender.send('6281234567890@c.us', ['Halo'])).rejects.toBeInstanceOf(TransientError);
    expect(client.sent).toHaveLength(0);
  });

  it('throws RecipientUnreachableError when the chat does not exist', async () => {
    const { sender, client } = setup({ writtenFirst: ['6280000000000@c.us'] });
    client.sendBehaviour = 'not_found';
    await expect(sender.send('6280000000000@c.us', ['Halo'])).rejects.toBeInstanceOf(RecipientUnreachableError);
  });

  it('classifies library errors', () => {
    expect(classifySendError(new Error('No LID for user'), true)).toBeInstanceOf(RecipientUnreachableError);
    expect(classifySendError(new Error('Protocol error (Runtime.callFunctionOn): Session closed.'), true)).toBeInstanceOf(TransientError);
    expect(classifySendError(new Error('something odd'), false)).toBeInstanceOf(TransientError);
    const odd = classifySendError(new Error('something odd'), true);
    expect(odd).not.toBeInstanceOf(TransientError);
    expect(odd).not.toBeInstanceOf(RecipientUnreachableError);
  });
});
