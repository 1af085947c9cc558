/**
 * Telegram journeys on the Bot API stand-in (test/helpers/fake-telegram-server.ts) through the
 * real service (BullMQ on real Redis): old buttons are recognised as stale and keyboards are
 * removed or marked; a failed photo download is said so and never counted as received; a photo
 * outside a report is answered; a wrong ticket number followed by a report starts the report;
 * redelivered updates are answered once, also where the adapter answers itself; /bantuan lists
 * the commands; a 4,096-character message is answered; the waiting-on-reporter loop closes.
 */
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { buttonsOf, eventually, sendMessagesTo, telegramAsChat, waitTurn } from '../helpers/channel-e2e';
import { useChannelService } from '../helpers/channel-service';
import { callbackQuery, groupText, privatePhoto, privateText, type RecordedCall } from '../helpers/fake-telegram-server';
import { tinyPng } from '../helpers/files';
import { WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(120_000);

const TOKEN = '123:journeys';
const suite = useChannelService({ telegramToken: TOKEN });
const { now } = suite;
/** Telegram's message date: the service's clock (an old date would fall under the retention rules). */
const date = () => Math.floor(now() / 1000);

const textOf = (calls: RecordedCall[]) => WebchatClient.text(telegramAsChat(calls));

async function say(chatId: number, text: string): Promise<RecordedCall[]> {
  const mark = suite.fake.calls.length;
  const update = suite.fake.pushUpdate(privateText({ chatId, text, date: date() }));
  await waitTurn(suite.service.store, 'telegram', String(chatId), `m:${chatId}:${update.message.message_id}`);
  return sendMessagesTo(suite.fake.calls, chatId, mark);
}

/** Presses a button of a message the bot sent (`call`), as Telegram sends it: with that message's keyboard. */
async function press(chatId: number, call: RecordedCall, label: string): Promise<RecordedCall[]> {
  const button = buttonsOf(call).find((b) => b.text === label);
  if (!button?.callback_data) throw new Error(`no button "${label}" in ${JSON.stringify(call.body.reply_markup)}`);
  const mark = suite.fake.calls.length;
  const update = suite.fake.pushUpdate(
    callbackQuery({ chatId, data: button.callback_data, messageId: call.result.message_id, keyboard: call.body.reply_markup.inline_keyboard }),
  );
  await waitTurn(suite.service.store, 'telegram', String(chatId), `cb:${update.callback_query.id}`);
  return sendMessagesTo(suite.fake.calls, chatId, mark);
}

const withButtons = (calls: RecordedCall[]) => calls.filter((c) => buttonsOf(c).length > 0).at(-1)!;
/** The confirmation step: its keyboard has "Ya, kirim". */
const confirms = (calls: RecordedCall[]) => calls.some((c) => buttonsOf(c).some((b) => b.text === 'Ya, kirim'));
const edits = (chatId: number, messageId: number) => suite.fake.callsOf('editMessageReplyMarkup').filter((c) => String(c.body.chat_id) === String(chatId) && c.body.message_id === messageId);

it('old buttons: the keyboard goes once the chat moves on; a stale button is answered as stale, never read as text', async () => {
  if (suite.skip) return;
  const chat = 3001;
  const menu = withButtons(await say(chat, 'halo'));
  expect(buttonsOf(menu).map((b) => b.text)).toContain('Lacak tiket');
  // The user types instead of pressing: the menu keyboard is removed when the bot answers.
  let last = await say(chat, 'aplikasi perizinan online tidak bisa upload dokumen persyaratan sejak kemarin');
  await eventually('the menu keyboard to be removed', () => (edits(chat, menu.result.message_id).some((e) => e.body.reply_markup.inline_keyboard.length === 0) ? true : undefined));
  // The old "Lacak tiket" is stale: no tracking answer, no AKANG SURJA, the report goes on.
  const stale = textOf(await press(chat, menu, 'Lacak tiket'));
  expect(stale).toMatch(/sudah tidak berlaku/);
  expect(stale).not.toMatch(/nomor tiket Anda|AKANG SURJA/i);
  const conversation = (await suite.service.store.findConversation('telegram', String(chat)))!;
  expect((conversation.flow as { flow: string }).flow).toBe('lapor-gangguan');

  // Walk to the confirmation, then press the current "Ya, kirim": the keyboard is marked with the choice.
  for (let i = 0; i < 6 && !confirms(last); i++) {
    const asked = textOf(last);
    last = await say(chat, /lampir|bukti|foto/i.test(asked) ? 'lewati' : '081234567890');
  }
  const confirm = withButtons(last);
  const sent = textOf(await press(chat, confirm, 'Ya, kirim'));
  expect(sent).toMatch(/HD-\d{6}-\d{4,}/);
  const marked = edits(chat, confirm.result.message_id).map((e) => e.body.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text));
  expect(marked).toContainEqual(['✓ Ya, kirim']);
  // Pressing the marker again only says it was used.
  const mark = suite.fake.calls.length;
  suite.fake.pushUpdate(callbackQuery({ chatId: chat, data: '~used', messageId: confirm.result.message_id }));
  await eventually('the used marker to be answered', () => (suite.fake.calls.slice(mark).some((c) => c.method === 'answerCallbackQuery' && /sudah Anda pilih/.test(String(c.body.text))) ? true : undefined));
});

it('a failed photo download is said so and not counted; a photo outside a report is answered', async () => {
  if (suite.skip) return;
  const chat = 3002;
  let mark = suite.fake.calls.length;
  const lost = suite.fake.pushUpdate(privatePhoto({ chatId: chat, fileId: 'tidak-ada', date: date() }));
  await waitTurn(suite.service.store, 'telegram', String(chat), `m:${chat}:${lost.message.message_id}`);
  const failed = textOf(sendMessagesTo(suite.fake.calls, chat, mark));
  expect(failed).toMatch(/tidak berhasil kami terima/);
  expect(failed).not.toMatch(/berkas (sudah kami )?terima|berkas diterima/);

  suite.fake.addFile('foto-ok', tinyPng(), 'photos/foto-ok.jpg');
  mark = suite.fake.calls.length;
  const ok = suite.fake.pushUpdate(privatePhoto({ chatId: chat, fileId: 'foto-ok', date: date() }));
  await waitTurn(suite.service.store, 'telegram', String(chat), `m:${chat}:${ok.message.message_id}`);
  const answer = sendMessagesTo(suite.fake.calls, chat, mark);
  expect(textOf(answer)).toMatch(/1 berkas sudah kami terima/);
  expect(buttonsOf(withButtons(answer)).map((b) => b.text)).toContain('Lapor gangguan');
});

it('after a wrong ticket number a clear new report starts the report', async () => {
  if (suite.skip) return;
  const chat = 3003;
  expect(textOf(await say(chat, '/tiket'))).toMatch(/nomor tiket/i);
  expect(textOf(await say(chat, '12345'))).toMatch(/belum seperti nomor tiket/);
  const report = textOf(await say(chat, 'saya mau lapor simpeg error tidak bisa login sejak tanggal 5'));
  expect(report).not.toMatch(/belum seperti nomor tiket/);
  const conversation = (await suite.service.store.findConversation('telegram', String(chat)))!;
  expect((conversation.flow as { flow: string }).flow).toBe('lapor-gangguan');
});

it('a redelivered update is answered once, also where the adapter answers itself', async () => {
  if (suite.skip) return;
  const chat = 3004;
  // A sticker (the adapter's own note), delivered twice.
  const sticker = { message: { message_id: 9001, date: date(), chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'Siti' }, sticker: { file_id: 's1' } } };
  const mark = suite.fake.calls.length;
  suite.fake.pushUpdate(sticker);
  await eventually('the note on the sticker', () => (sendMessagesTo(suite.fake.calls, chat, mark).length === 1 ? true : undefined));
  suite.fake.pushUpdate(sticker);
  // A text message delivered twice (same message id): one set of replies.
  const first = suite.fake.pushUpdate(privateText({ chatId: chat, text: 'link simpeg dimana ya', messageId: 9002, date: date() }));
  await waitTurn(suite.service.store, 'telegram', String(chat), `m:${chat}:9002`);
  suite.fake.pushUpdate({ message: first.message });
  const marker = suite.fake.pushUpdate(privateText({ chatId: chat, text: 'terima kasih', messageId: 9003, date: date() }));
  await waitTurn(suite.service.store, 'telegram', String(chat), `m:${chat}:${marker.message.message_id}`);
  const calls = sendMessagesTo(suite.fake.calls, chat, mark);
  expect(calls.filter((c) => /jenis pesan ini belum dapat kami proses/.test(String(c.body.text)))).toHaveLength(1);
  expect(calls.filter((c) => /simpeg\.cirebonkab\.go\.id/i.test(JSON.stringify(c.body)))).toHaveLength(1);

  // A group registration command redelivered: one answer (not "code already used" the second time).
  const group = -100300;
  const gmark = suite.fake.calls.length;
  const reg = groupText({ chatId: group, fromId: 77, text: '/daftar_grup KODESALAH', date: date() });
  suite.fake.pushUpdate(reg);
  await eventually('the group answer', () => (sendMessagesTo(suite.fake.calls, group, gmark).length === 1 ? true : undefined));
  suite.fake.pushUpdate({ message: reg.message });
  const after = suite.fake.pushUpdate(privateText({ chatId: chat, text: 'halo', messageId: 9004, date: date() }));
  await waitTurn(suite.service.store, 'telegram', String(chat), `m:${chat}:${after.message.message_id}`);
  expect(sendMessagesTo(suite.fake.calls, group, gmark)).toHaveLength(1);
});

it('/bantuan lists the commands; a 4,096-character message is answered, not dropped', async () => {
  if (suite.skip) return;
  const chat = 3005;
  const help = textOf(await say(chat, '/bantuan'));
  for (const command of ['/menu', '/tiket', '/batal', '/bantuan']) expect(help).toContain(command);
  const long = `Aplikasi SIMPEG tidak bisa dibuka sejak pagi. ${'Detail kejadian di kantor kami. '.repeat(200)}`.slice(0, 4096);
  expect(long).toHaveLength(4096);
  const answered = await say(chat, long);
  expect(answered.length).toBeGreaterThan(0);
});

it('waiting on the reporter: a Telegram answer lands on the ticket and the reporter is told', async () => {
  if (suite.skip) return;
  const chat = 3006;
  let last = await say(chat, 'aplikasi perizinan online tidak bisa upload dokumen persyaratan sejak kemarin');
  let ticket: string | null = null;
  for (let i = 0; i < 8 && !ticket; i++) {
    ticket = /HD-\d{6}-\d{4,}/.exec(textOf(last))?.[0] ?? null;
    if (ticket) break;
    const asked = textOf(last);
    if (confirms(last)) last = await press(chat, withButtons(last), 'Ya, kirim');
    else last = await say(chat, /lampir|bukti|foto/i.test(asked) ? 'lewati' : '081234567890');
  }
  if (!ticket) throw new Error(`no ticket; the bot said:\n${textOf(sendMessagesTo(suite.fake.calls, chat))}`);
  await addOrUpdateOfficer(suite.service.store, suite.service.knowledge, { email: 'izin@cirebonkab.go.id', password: 'sandi-petugas-123', role: 'pengelola-layanan', agency: 'dpmptsp', name: 'Petugas Izin' });
  const login = await fetch(`${suite.service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'izin@cirebonkab.go.id', password: 'sandi-petugas-123' }) });
  const token = String(((await login.json()) as { token: string }).token);
  const patch = (body: unknown) =>
    fetch(`${suite.service.url}/api/v1/tickets/${ticket}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const mark = suite.fake.calls.length;
  for (const status of ['ditugaskan', 'diproses']) expect((await patch({ status })).status).toBe(200);
  expect((await patch({ status: 'menunggu_pelapor', note: 'Nomor berkas permohonannya berapa?' })).status).toBe(200);
  await eventually('the question on Telegram', () => (textOf(sendMessagesTo(suite.fake.calls, chat, mark)).includes('Nomor berkas permohonannya berapa?') ? true : undefined));
  const told = textOf(await say(chat, 'nomor berkasnya 503/1234/DPMPTSP/2026'));
  expect(told).toContain(`ditambahkan ke tiket`);
  const stored = (await suite.service.store.getTicket(ticket!))!;
  expect(stored.status).toBe('diproses');
  expect(stored.history.some((h) => h.action === 'tanggapan' && h.note?.includes('503/1234'))).toBe(true);
});
