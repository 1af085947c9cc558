/**
 * The judged phrasings of issue 11 get the same, right answer on the web chat and on Telegram
 * (the real service, BullMQ on real Redis, the Bot API stand-in): each is answered outright
 * ("Apakah jawaban ini membantu?") with the answer's telling words, never with another entry's.
 * Regression check: these messages were used to fix the data and rules.
 */
import { sendMessagesTo, telegramAsChat, waitTurn } from '../helpers/channel-e2e';
import { useChannelService } from '../helpers/channel-service';
import { privateText } from '../helpers/fake-telegram-server';
import { WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(120_000);

const TOKEN = '123:phrasings';
const ASSERTED = 'Apakah jawaban ini membantu?';

/** [message, words the right answer holds, words of the wrong answer it once got]. */
const PHRASINGS: [string, string, string][] = [
  ['alamat web simpeg apa ya? lupa euy', 'simpeg.cirebonkab.go.id', 'Pengguna Login). Untuk akun baru'],
  ['simpeg itu yang ngelola dinas mana sih', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'Saya belum yakin'],
  ["I'd like to apply for a business permit for my shop, is there an online system?", 'izinonline.cirebonkab.go.id', 'Saya belum yakin'],
  ['ijazah S2 saya sudah keluar, bagaimana cara update riwayat pendidikan di simpeg?', 'menu Diklat', 'Saya belum yakin'],
  ['apa itu SPBE', 'Sistem Pemerintahan Berbasis Elektronik (SPBE) adalah', 'Bobot 2021'],
  ['kapan pendaftaran CPNS kabupaten cirebon dibuka?', 'sscasn.bkn.go.id', 'SK Rikes (Pemeriksaan Kesehatan) ada di SIMPEG'],
];

const suite = useChannelService({ telegramToken: TOKEN });
const { now } = suite;

async function onTelegram(chatId: number, text: string): Promise<string> {
  const mark = suite.fake.calls.length;
  const update = suite.fake.pushUpdate(privateText({ chatId, text, date: Math.floor(now() / 1000) }));
  await waitTurn(suite.service.store, 'telegram', String(chatId), `m:${chatId}:${update.message.message_id}`);
  return WebchatClient.text(telegramAsChat(sendMessagesTo(suite.fake.calls, chatId, mark)));
}

it.each(PHRASINGS.map((p, i) => [...p, i] as const))('%s: the right answer on the web chat and on Telegram', async (text, right, wrong, i) => {
  if (suite.skip) return;
  const web = WebchatClient.text(await (await new WebchatClient(suite.service.url).open()).say(text));
  const telegram = await onTelegram(5100 + i, text);
  for (const [channel, reply] of [['webchat', web], ['telegram', telegram]] as const) {
    expect({ channel, answered: reply.includes(ASSERTED), right: reply.includes(right), wrong: reply.includes(wrong) }).toEqual({
      channel,
      answered: true,
      right: true,
      wrong: false,
    });
  }
});
