import type { Update } from 'telegraf/types';
import { mapUpdate, parseCommand, type MapContext } from '../../../channels/telegram/mapper';

const ctx: MapContext = {
  botUsername: 'helpdesk_spbe_bot',
  resolveCallbackData: (d) => (d.startsWith('#k:') ? undefined : d),
  now: () => 1_760_000_123_000,
};
const map = (u: unknown) => mapUpdate(u as Update, ctx);

// Recorded shape of a private text update (ids changed).
const privateUpdate = (text: string, extra: Record<string, unknown> = {}) => ({
  update_id: 811_000_001,
  message: {
    message_id: 42,
    from: { id: 5_551_234, is_bot: false, first_name: 'Siti', last_name: 'Aminah', language_code: 'id' },
    chat: { id: 5_551_234, first_name: 'Siti', last_name: 'Aminah', type: 'private' },
    date: 1_760_000_000,
    text,
    ...extra,
  },
});

describe('telegram mapper', () => {
  it('maps a private text to an InboundMessage with stable, message-based ids', () => {
    const m = map(privateUpdate('Lupa password SIMPEG'));
    expect(m).toEqual({
      kind: 'message',
      media: [],
      message: {
        channel: 'telegram',
        threadId: '5551234',
        senderId: '5551234',
        externalId: 'm:5551234:42',
        text: 'Lupa password SIMPEG',
        senderName: 'Siti Aminah',
        receivedAt: 1_760_000_000_000,
      },
    });
    // Redelivery under another update_id keeps the external id.
    const again = map({ ...privateUpdate('Lupa password SIMPEG'), update_id: 811_000_999 });
    expect(again.kind === 'message' && again.message.externalId).toBe('m:5551234:42');
  });

  it.each([
    ['/start', 'halo'],
    ['/start sumber-web', 'halo'],
    ['/menu', 'menu'],
    ['/tiket HD-261123-0001', 'lacak tiket HD-261123-0001'],
    ['/tiket', 'lacak tiket'],
    ['/tiket@helpdesk_spbe_bot HD-261123-0002', 'lacak tiket HD-261123-0002'],
    ['/bantuan', 'bantuan'],
    ['/batal', 'batal'],
    ['/tidakdikenal halo', 'bantuan'],
    ['/lacak HD-261123-0001', 'lacak tiket HD-261123-0001'],
  ])('maps the command %s to "%s"', (text, canonical) => {
    const m = map(privateUpdate(text));
    expect(m.kind === 'message' && m.message.text).toBe(canonical);
  });

  it('ignores a command addressed to another bot', () => {
    expect(map(privateUpdate('/menu@bot_lain')).kind).toBe('ignore');
    expect(parseCommand('/menu@Helpdesk_SPBE_bot', 'helpdesk_spbe_bot')?.forUs).toBe(true);
  });

  it('keeps the largest photo size and the caption as text', () => {
    const m = map(
      privateUpdate(undefined as never, {
        caption: 'Layar error saat login',
        photo: [
          { file_id: 'small', file_unique_id: 'a', width: 90, height: 60, file_size: 1200 },
          { file_id: 'large', file_unique_id: 'b', width: 1280, height: 853, file_size: 98_000 },
          { file_id: 'mid', file_unique_id: 'c', width: 320, height: 213, file_size: 9000 },
        ],
      }),
    );
    expect(m.kind).toBe('message');
    if (m.kind !== 'message') return;
    expect(m.message.text).toBe('Layar error saat login');
    expect(m.media).toEqual([{ fileId: 'large', kind: 'image', mimeType: 'image/jpeg', sizeBytes: 98_000 }]);
  });

  it('maps a document with its name and type', () => {
    const m = map(
      privateUpdate(undefined as never, {
        document: { file_id: 'doc1', file_unique_id: 'd', file_name: 'SK Pangkat.pdf', mime_type: 'application/pdf', file_size: 345_000 },
      }),
    );
    expect(m.kind === 'message' && m.media).toEqual([
      { fileId: 'doc1', kind: 'document', mimeType: 'application/pdf', sizeBytes: 345_000, fileName: 'SK Pangkat.pdf' },
    ]);
  });

  it('answers stickers and other unreadable private content with a note, not a turn', () => {
    expect(map(privateUpdate(undefined as never, { sticker: { file_id: 's' } }))).toMatchObject({ kind: 'unsupported', chatId: '5551234' });
  });

  it('ignores edited messages, channel posts and bots', () => {
    expect(map({ update_id: 1, edited_message: privateUpdate('x').message }).kind).toBe('ignore');
    expect(map({ update_id: 2, channel_post: { message_id: 1, chat: { id: -1001, type: 'channel' }, date: 1, text: 'x' } }).kind).toBe('ignore');
    const fromBot = privateUpdate('x');
    (fromBot.message.from as { is_bot: boolean }).is_bot = true;
    expect(map(fromBot).kind).toBe('ignore');
  });

  it('maps a button press to the option value with a callback external id', () => {
    const m = map({
      update_id: 3,
      callback_query: {
        id: '4382bfdwdsb323b2d9',
        from: { id: 5_551_234, is_bot: false, first_name: 'Siti' },
        message: { message_id: 43, date: 1, chat: { id: 5_551_234, type: 'private' }, text: 'Pilih:' },
        chat_instance: '-1',
        data: 'gangguan',
      },
    });
    expect(m).toEqual({
      kind: 'callback',
      callbackQueryId: '4382bfdwdsb323b2d9',
      keyboard: { chatId: '5551234', messageId: 43 },
      message: {
        channel: 'telegram',
        threadId: '5551234',
        senderId: '5551234',
        externalId: 'cb:4382bfdwdsb323b2d9',
        text: 'gangguan',
        senderName: 'Siti',
        receivedAt: 1_760_000_123_000,
      },
    });
  });

  it('reports a press on an expired hashed option', () => {
    const m = map({
      update_id: 4,
      callback_query: {
        id: 'q2',
        from: { id: 1, is_bot: false, first_name: 'A' },
        message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' } },
        chat_instance: '1',
        data: '#k:abc',
      },
    });
    expect(m).toEqual({ kind: 'expired_callback', callbackQueryId: 'q2', keyboard: { chatId: '1', messageId: 1 } });
  });

  it('a button carries the key of its question (buttonContext); the pressed label is read from the keyboard', () => {
    const m = map({
      update_id: 8,
      callback_query: {
        id: 'q9',
        from: { id: 5, is_bot: false, first_name: 'A' },
        message: {
          message_id: 77,
          date: 1,
          chat: { id: 5, type: 'private' },
          reply_markup: { inline_keyboard: [[{ text: 'Ya, kirim', callback_data: '~Ab3_x-9Z:kirim' }], [{ text: 'Batal', callback_data: '~Ab3_x-9Z:batal' }]] },
        },
        chat_instance: '1',
        data: '~Ab3_x-9Z:kirim',
      },
    });
    expect(m.kind === 'callback' && m.message).toMatchObject({ text: 'kirim', buttonContext: 'Ab3_x-9Z', externalId: 'cb:q9' });
    expect(m.kind === 'callback' && m.keyboard).toEqual({ chatId: '5', messageId: 77, label: 'Ya, kirim' });
  });

  it('a press on a keyboard already marked as used is answered, not turned into a message', () => {
    const m = map({
      update_id: 9,
      callback_query: { id: 'q10', from: { id: 5, is_bot: false, first_name: 'A' }, message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' } }, chat_instance: '1', data: '~used' },
    });
    expect(m).toEqual({ kind: 'used_callback', callbackQueryId: 'q10' });
  });

  describe('groups', () => {
    const group = (text: string) => ({
      update_id: 5,
      message: {
        message_id: 7,
        from: { id: 99, is_bot: false, first_name: 'Budi', last_name: 'Santoso' },
        chat: { id: -1_001_234_567_890, type: 'supergroup', title: 'Helpdesk BKPSDM' },
        date: 1,
        text,
      },
    });
    it('ignores group chatter and other commands', () => {
      expect(map(group('Selamat pagi semua')).kind).toBe('ignore');
      expect(map(group('/menu')).kind).toBe('ignore');
    });
    it('recognises /daftar_grup <kode> and /hapus_grup', () => {
      const chat = { id: '-1001234567890', title: 'Helpdesk BKPSDM' };
      const by = { id: '99', name: 'Budi Santoso' };
      expect(map(group('/daftar_grup K7Q2-XM'))).toEqual({ kind: 'group_register', chat, by, code: 'K7Q2-XM', messageId: 7 });
      expect(map(group('/daftar_grup@helpdesk_spbe_bot K7Q2-XM'))).toEqual({ kind: 'group_register', chat, by, code: 'K7Q2-XM', messageId: 7 });
      expect(map(group('/daftar_grup'))).toEqual({ kind: 'group_register', chat, by, code: null, messageId: 7 });
      expect(map(group('/hapus_grup'))).toEqual({ kind: 'group_unregister', chat, by, messageId: 7 });
    });
    it('notices when the bot is removed from a group', () => {
      const u = { update_id: 6, my_chat_member: { chat: { id: -100, type: 'group' }, new_chat_member: { status: 'kicked' } } };
      expect(map(u)).toEqual({ kind: 'bot_removed', chatId: '-100' });
    });
  });
});
