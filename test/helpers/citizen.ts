/**
 * Answers whatever a reporting dialogue asks, from the bot's own words and options, until a
 * ticket number appears. Keeps the tests independent of the exact wording in flows/.
 */
import { type ChatMessage, WebchatClient } from './webchat-client';

export const TICKET_RE = /HD-\d{6}-\d{4,}/;

export function nextAnswer(last: ChatMessage[]): string {
  const text = WebchatClient.text(last).toLowerCase();
  const options = last.flatMap((m) => m.options ?? []);
  const pick = (re: RegExp) => options.find((o) => re.test(o.label.toLowerCase()) || re.test(o.value.toLowerCase()));
  if (/ringkasan|kirim laporan|sudah benar|konfirmasi|periksa data/.test(text)) {
    const yes = pick(/^ya|kirim|benar/);
    if (yes) return yes.value;
  }
  if (/\bnip\b/.test(text)) return '199001012015031001';
  if (/lampir|foto|berkas|tangkapan layar|screenshot/.test(text)) return pick(/lewati/)?.value ?? 'lewati';
  if (/kontak|nomor (hp|telepon|whatsapp)|e-?mail|dihubungi/.test(text)) return '081234567890';
  if (/layanan|aplikasi apa/.test(text) && options.length) return options[0]!.value;
  if (/jelaskan|ceritakan|uraian|deskripsi|apa yang terjadi/.test(text)) {
    return 'Sejak pagi halaman login tidak terbuka, muncul pesan error 500 di semua komputer kantor.';
  }
  const yes = pick(/^ya|kirim|lanjut/);
  return yes ? yes.value : 'ya';
}

/** Sends `first`, then answers the dialogue; returns the ticket number and every bot message. */
export async function reportUntilTicket(client: WebchatClient, first: string, maxTurns = 10): Promise<{ ticket: string; messages: ChatMessage[] }> {
  const all: ChatMessage[] = [];
  let last = await client.say(first);
  all.push(...last);
  for (let i = 0; i < maxTurns; i++) {
    const found = TICKET_RE.exec(WebchatClient.text(last));
    if (found) return { ticket: found[0], messages: all };
    last = await client.say(nextAnswer(last));
    all.push(...last);
  }
  throw new Error(`no ticket after ${maxTurns} turns:\n${WebchatClient.text(all)}`);
}
