/**
 * The adapter against a local fake Bot API (telegraf's apiRoot -> FakeTelegramServer), long polling.
 */
import { RecipientUnreachableError, TransientError } from '../../../src/domain/errors';
import { TelegramAdapter } from '../../../channels/telegram/adapter';
import type { GroupRegistry } from '../../../channels/telegram/group-registry';
import {
  BLOCKED,
  DEACTIVATED,
  CHAT_NOT_FOUND,
  callbackQuery,
  FakeTelegramServer,
  groupText,
  privateText,
  tooManyRequests,
} from '../../helpers/fake-telegram-server';
import { AutoClock, RecordingIngress, RecordingSink, recordingLogger } from './doubles';

class FakeRegistry implements GroupRegistry {
  registered: { code: string; chat: { id: string; title: string }; by: { id: string; name: string } }[] = [];
  unregistered: string[] = [];
  async register(code: string, chat: { id: string; title: string }, by: { id: string; name: string }) {
    if (code !== 'K7Q2-XM') return null;
    this.registered.push({ code, chat, by });
    return { agencyName: 'BKPSDM Kabupaten Cirebon' };
  }
  async unregister(chatId: string) {
    this.unregistered.push(chatId);
    return true;
  }
}

let tg: FakeTelegramServer;
let adapter: TelegramAdapter;
let ingress: RecordingIngress;
let clock: AutoClock;
let registry: FakeRegistry;
let sink: RecordingSink;
const logger = recordingLogger();

beforeEach(async () => {
  tg = await FakeTelegramServer.start();
  ingress = new RecordingIngress();
  clock = new AutoClock();
  registry = new FakeRegistry();
  sink = new RecordingSink();
  logger.lines.length = 0;
  adapter = new TelegramAdapter(
    { token: tg.token, apiRoot: tg.apiRoot, acceptAttempts: 3, acceptBackoffMs: 100 },
    { groups: registry, attachments: sink, logger, clock },
  );
  await adapter.start(ingress);
});

afterEach(async () => {
  await adapter.stop();
  await tg.close();
});

const sentTexts = () => tg.callsOf('sendMessage').map((c) => c.body);

describe('telegram adapter (long polling, fake Bot API)', () => {
  it('connects with getMe, removes any webhook, and polls', async () => {
    expect(adapter.status()).toMatchObject({ channel: 'telegram', state: 'connected' });
    await tg.waitForCalls('getUpdates');
    expect(tg.callsOf('getMe')).toHaveLength(1);
    expect(tg.callsOf('deleteWebhook')[0]!.body).toMatchObject({ drop_pending_updates: false });
  });

  it('delivers a private text to the ingress with the right fields, and confirms it to Telegram only afterwards', async () => {
    let confirmedAtAccept = -1;
    const accept = ingress.accept.bind(ingress);
    ingress.accept = async (m) => {
      confirmedAtAccept = tg.confirmedOffset;
      return accept(m);
    };
    const update = tg.pushUpdate(privateText({ chatId: 5551234, text: 'Bagaimana cara reset password SIMPEG?', firstName: 'Siti', lastName: 'Aminah', messageId: 42 }));
    const [msg] = await ingress.waitFor(1);
    expect(msg).toEqual({
      channel: 'telegram',
      threadId: '5551234',
      senderId: '5551234',
      externalId: 'm:5551234:42',
      text: 'Bagaimana cara reset password SIMPEG?',
      senderName: 'Siti Aminah',
      receivedAt: 1_760_000_000_000,
    });
    expect(confirmedAtAccept).toBeLessThanOrEqual(update.update_id);
    await tg.waitForCalls('getUpdates', 2);
    expect(tg.callsOf('getUpdates')[1]!.body.offset).toBe(update.update_id + 1);
  });

  it('maps /start /menu /tiket <nomor> /batal to canonical texts, in order', async () => {
    for (const text of ['/start', '/menu', '/tiket HD-261123-0001', '/batal']) tg.pushUpdate(privateText({ chatId: 111, text }));
    const got = await ingress.waitFor(4);
    expect(got.map((m) => m.text)).toEqual(['halo', 'menu', 'lacak tiket HD-261123-0001', 'batal']);
  });

  it('retries the ingress when it cannot queue, and logs loudly when it never can', async () => {
    ingress.failNext = 2;
    tg.pushUpdate(privateText({ chatId: 111, text: 'laporan satu' }));
    await ingress.waitFor(1);
    expect(ingress.attempts).toBe(3);
    expect(clock.sleeps).toEqual(expect.arrayContaining([100, 200]));

    ingress.failNext = 3;
    tg.pushUpdate(privateText({ chatId: 111, text: 'laporan dua' }));
    tg.pushUpdate(privateText({ chatId: 111, text: 'laporan tiga' }));
    await ingress.waitFor(2);
    expect(ingress.accepted.map((m) => m.text)).toEqual(['laporan satu', 'laporan tiga']);
    expect(logger.lines.some((l) => l.level === 'error' && /LOST/.test(l.msg))).toBe(true);
  });

  it('downloads a photo through getFile and saves it with the AttachmentSink', async () => {
    tg.addFile('photo-large', Buffer.from('JPEG-BYTES'), 'photos/file_1.jpg');
    tg.pushUpdate({
      message: {
        message_id: 77,
        date: 1_760_000_000,
        chat: { id: 111, type: 'private' },
        from: { id: 111, is_bot: false, first_name: 'Siti' },
        caption: 'Tampilan error',
        photo: [
          { file_id: 'photo-small', file_unique_id: 's', width: 90, height: 90 },
          { file_id: 'photo-large', file_unique_id: 'l', width: 800, height: 800, file_size: 10 },
        ],
      },
    });
    const [msg] = await ingress.waitFor(1);
    expect(sink.saved[0]!.bytes.toString()).toBe('JPEG-BYTES');
    expect(msg!.media).toEqual([expect.objectContaining({ kind: 'image', mimeType: 'image/jpeg', storageKey: 'att-1' })]);
    expect(msg!.text).toBe('Tampilan error');
  });

  it('answers a sticker with a short note and does not bother the engine', async () => {
    tg.pushUpdate({ message: { message_id: 9, date: 1, chat: { id: 111, type: 'private' }, from: { id: 111, is_bot: false, first_name: 'S' }, sticker: { file_id: 'x' } } });
    const [note] = await tg.waitForCalls('sendMessage');
    expect(note!.body).toMatchObject({ chat_id: '111', text: expect.stringContaining('teks, foto, atau dokumen') });
    expect(ingress.accepted).toEqual([]);
  });

  describe('send', () => {
    it('renders a reply with options to an escaped HTML sendMessage with an inline keyboard', async () => {
      await adapter.send('111', {
        text: 'Tiket **HD-261123-0001** untuk <SIMPEG> & e-Kinerja. Pilih:',
        options: [
          { label: 'Lacak tiket', value: 'lacak_tiket' },
          { label: 'Bicara dengan petugas', value: 'minta_agen' },
        ],
      });
      expect(sentTexts()).toEqual([
        {
          chat_id: '111',
          text: 'Tiket <b>HD-261123-0001</b> untuk &lt;SIMPEG&gt; &amp; e-Kinerja. Pilih:',
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: {
            inline_keyboard: [[{ text: 'Lacak tiket', callback_data: 'lacak_tiket' }], [{ text: 'Bicara dengan petugas', callback_data: 'minta_agen' }]],
          },
        },
      ]);
    });

    it('a pressed button reaches the ingress as the option value and is acknowledged', async () => {
      const long = 'pilih-layanan:' + 'permintaan-perubahan-data-kepegawaian-'.repeat(3);
      await adapter.send('111', { text: 'Pilih:', options: [{ label: 'Ubah data', value: long }] });
      const data = sentTexts()[0]!.reply_markup.inline_keyboard[0][0].callback_data as string;
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      tg.pushUpdate(callbackQuery({ chatId: 111, data, id: 'cbq-1' }));
      tg.pushUpdate(callbackQuery({ chatId: 111, data: 'minta_agen', id: 'cbq-2' }));
      const got = await ingress.waitFor(2);
      expect(got.map((m) => [m.text, m.externalId])).toEqual([
        [long, 'cb:cbq-1'],
        ['minta_agen', 'cb:cbq-2'],
      ]);
      const acks = await tg.waitForCalls('answerCallbackQuery', 2);
      expect(acks.map((a) => a.body.callback_query_id).sort()).toEqual(['cbq-1', 'cbq-2']);
    });

    it('a press on a forgotten hashed option is answered with a hint, not passed on', async () => {
      tg.pushUpdate(callbackQuery({ chatId: 111, data: '#k:tidak-dikenal', id: 'cbq-x' }));
      const [ack] = await tg.waitForCalls('answerCallbackQuery');
      expect(ack!.body).toMatchObject({ callback_query_id: 'cbq-x', text: expect.stringContaining('kedaluwarsa') });
      expect(ingress.accepted).toEqual([]);
    });

    it('a 429 surfaces as TransientError with retryAfterMs, and the retried send waits and succeeds', async () => {
      tg.failNext('sendMessage', tooManyRequests(3));
      const err = await adapter.send('111', { text: 'Halo' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransientError);
      expect((err as TransientError).retryAfterMs).toBe(3000);
      clock.sleeps.length = 0;
      await adapter.send('111', { text: 'Halo' });
      expect(clock.sleeps).toEqual([3000]);
      expect(tg.callsOf('sendMessage')).toHaveLength(2);
    });

    it('blocked, deactivated and unknown chats are unreachable; a 5xx is transient; other 400s are final', async () => {
      tg.failNext('sendMessage', BLOCKED, DEACTIVATED, CHAT_NOT_FOUND, { error_code: 502, description: 'Bad Gateway', httpStatus: 502 });
      tg.failNext('sendMessage', { error_code: 400, description: 'Bad Request: message text is empty' });
      await expect(adapter.send('111', { text: 'a' })).rejects.toBeInstanceOf(RecipientUnreachableError);
      await expect(adapter.send('115', { text: 'a' })).rejects.toBeInstanceOf(RecipientUnreachableError);
      await expect(adapter.send('112', { text: 'a' })).rejects.toBeInstanceOf(RecipientUnreachableError);
      await expect(adapter.send('113', { text: 'a' })).rejects.toBeInstanceOf(TransientError);
      const final = await adapter.send('114', { text: 'a' }).catch((e: unknown) => e);
      expect(final).toBeInstanceOf(Error);
      expect(final).not.toBeInstanceOf(TransientError);
      expect(final).not.toBeInstanceOf(RecipientUnreachableError);
    });

    it('a network failure is transient', async () => {
      await tg.close();
      await expect(adapter.send('111', { text: 'a' })).rejects.toBeInstanceOf(TransientError);
      tg = await FakeTelegramServer.start(); // for afterEach
    });

    it('keeps per-chat order and spacing (computed waits) and does not hold other chats back', async () => {
      await Promise.all([
        adapter.send('111', { text: 'satu' }),
        adapter.send('111', { text: 'dua' }),
        adapter.send('222', { text: 'lain' }),
        adapter.send('111', { text: 'tiga' }),
      ]);
      const to111 = sentTexts().filter((b) => b.chat_id === '111').map((b) => b.text);
      expect(to111).toEqual(['satu', 'dua', 'tiga']);
      expect(clock.sleeps).toEqual([1000, 1000]);
    });

    it('a long reply is split under 4096 with balanced tags; after a failure half-way only the rest is resent', async () => {
      const text = Array.from({ length: 40 }, (_, i) => `**Bagian ${i}**: ${'penjelasan prosedur layanan kepegawaian. '.repeat(8)}`).join('\n\n');
      const reply = { text, options: [{ label: 'Mengerti', value: 'ya' }] };
      tg.failNext('sendMessage', null, tooManyRequests(2));
      await expect(adapter.send('111', reply)).rejects.toBeInstanceOf(TransientError);
      expect(tg.callsOf('sendMessage')).toHaveLength(2);
      await adapter.send('111', reply); // the queue's retry
      const calls = tg.callsOf('sendMessage');
      const bodies = [calls[0]!, ...calls.slice(2)].map((c) => c.body);
      expect(calls[1]!.body.text).toBe(calls[2]!.body.text); // the failed chunk, resent once
      expect(bodies.length).toBeGreaterThan(2);
      for (const [i, b] of bodies.entries()) {
        expect(b.text.length).toBeLessThanOrEqual(4096);
        expect((b.text.match(/<b>/g) ?? []).length).toBe((b.text.match(/<\/b>/g) ?? []).length);
        expect(Boolean(b.reply_markup)).toBe(i === bodies.length - 1);
      }
      expect(bodies.map((b) => b.text).join(' ')).toContain('Bagian 39');
      expect(new Set(bodies.map((b) => b.text)).size).toBe(bodies.length); // nothing sent twice
    });
  });

  describe('groups', () => {
    it('ignores group chatter but registers the group with a valid /daftar_grup code', async () => {
      tg.pushUpdate(groupText({ chatId: -1001234, fromId: 99, text: 'Rapat jam 9 ya' }));
      tg.pushUpdate(groupText({ chatId: -1001234, fromId: 99, text: '/daftar_grup K7Q2-XM', title: 'Helpdesk BKPSDM', firstName: 'Budi' }));
      const [reply] = await tg.waitForCalls('sendMessage');
      expect(reply!.body).toMatchObject({ chat_id: '-1001234', text: expect.stringContaining('<b>BKPSDM Kabupaten Cirebon</b>') });
      expect(registry.registered).toEqual([{ code: 'K7Q2-XM', chat: { id: '-1001234', title: 'Helpdesk BKPSDM' }, by: { id: '99', name: 'Budi' } }]);
      expect(ingress.accepted).toEqual([]);
    });

    it('refuses an invalid code', async () => {
      tg.pushUpdate(groupText({ chatId: -1001234, fromId: 99, text: '/daftar_grup SALAH' }));
      const [reply] = await tg.waitForCalls('sendMessage');
      expect(reply!.body.text).toMatch(/tidak valid atau sudah kedaluwarsa/);
      expect(registry.registered).toEqual([]);
    });

    it('lets only group admins unregister', async () => {
      tg.setChatMemberStatus(-1001234, 50, 'administrator');
      tg.pushUpdate(groupText({ chatId: -1001234, fromId: 99, text: '/hapus_grup' }));
      tg.pushUpdate(groupText({ chatId: -1001234, fromId: 50, text: '/hapus_grup' }));
      const replies = await tg.waitForCalls('sendMessage', 2);
      expect(replies.map((r) => r.body.text).sort()).toEqual(['Grup ini tidak lagi menerima notifikasi helpdesk.', 'Hanya admin grup yang dapat menghapus pendaftaran grup ini.']);
      expect(registry.unregistered).toEqual(['-1001234']);
    });

    it('sends group notifications paced at 20 per minute, without buttons', async () => {
      await adapter.sendGroupNotification('-1001234', { text: 'Tiket baru **HD-261123-0007** (gangguan SIMPEG)', options: [{ label: 'x', value: 'x' }] });
      await adapter.sendGroupNotification('-1001234', { text: 'Chat menunggu petugas' });
      const bodies = sentTexts();
      expect(bodies.map((b) => b.chat_id)).toEqual(['-1001234', '-1001234']);
      expect(bodies[0]!.reply_markup).toBeUndefined();
      expect(clock.sleeps).toEqual([3000]);
    });
  });
});
