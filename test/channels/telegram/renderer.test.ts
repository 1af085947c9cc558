import { CallbackDataMap } from '../../../channels/telegram/callback-data';
import { escapeHtml, formatText, htmlToPlain, renderReply, TELEGRAM_TEXT_LIMIT } from '../../../channels/telegram/renderer';

const ctx = () => {
  const map = new CallbackDataMap();
  return { map, callbackData: (v: string) => map.encode(v) };
};

describe('telegram renderer', () => {
  it('escapes user and FAQ text and turns **bold** into <b>', () => {
    expect(escapeHtml('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(formatText('Tiket **HD-261123-0001** <dibuat> & dicatat')).toBe('Tiket <b>HD-261123-0001</b> &lt;dibuat&gt; &amp; dicatat');
    expect(formatText('tanpa penutup **bold')).toBe('tanpa penutup **bold');
  });

  it('renders options as an inline keyboard and http links as URL buttons', () => {
    const [payload, ...rest] = renderReply(
      {
        text: 'Pilih jenis **laporan**:',
        options: [
          { label: 'Gangguan SIMPEG', value: 'gangguan' },
          { label: 'Permintaan akun', value: 'permintaan' },
        ],
        links: [
          { label: 'Panduan SIMPEG', url: 'https://simpeg.cirebonkab.go.id/panduan' },
          { label: 'Surel', url: 'mailto:helpdesk@cirebonkab.go.id' },
        ],
      },
      ctx(),
    );
    expect(rest).toEqual([]);
    expect(payload).toEqual({
      text: 'Pilih jenis <b>laporan</b>:\nSurel: mailto:helpdesk@cirebonkab.go.id',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Gangguan SIMPEG', callback_data: 'gangguan' }],
          [{ text: 'Permintaan akun', callback_data: 'permintaan' }],
          [{ text: 'Panduan SIMPEG', url: 'https://simpeg.cirebonkab.go.id/panduan' }],
        ],
      },
    });
  });

  it('replaces values over 64 bytes with a short key that maps back', () => {
    const c = ctx();
    const long = 'layanan:' + 'sangat-panjang-'.repeat(6);
    const [p] = renderReply({ text: 'Pilih', options: [{ label: 'X', value: long }] }, c);
    const data = (p!.reply_markup!.inline_keyboard[0]![0] as { callback_data: string }).callback_data;
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(data).not.toBe(long);
    expect(c.map.decode(data)).toBe(long);
    expect(c.map.decode('gangguan')).toBe('gangguan');
  });

  it('splits long text under 4096 with balanced tags and the keyboard only on the last chunk', () => {
    const paragraph = `**Langkah penting**: ${'isi formulir usulan kenaikan pangkat & unggah dokumen. '.repeat(12)}`;
    const text = Array.from({ length: 12 }, () => paragraph).join('\n\n') + ` **${'tebal '.repeat(900)}**`;
    const payloads = renderReply({ text, options: [{ label: 'Selesai', value: 'selesai' }] }, ctx());
    expect(payloads.length).toBeGreaterThan(2);
    payloads.forEach((p, i) => {
      expect(p.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      const opens = (p.text.match(/<b>/g) ?? []).length;
      const closes = (p.text.match(/<\/b>/g) ?? []).length;
      expect(opens).toBe(closes);
      expect(p.text).not.toMatch(/&(a|am|amp)?$/);
      expect(Boolean(p.reply_markup)).toBe(i === payloads.length - 1);
    });
    const words = (s: string) => htmlToPlain(s).split(/\s+/).filter(Boolean);
    expect(payloads.flatMap((p) => words(p.text))).toEqual(words(formatText(text)));
  });

  it('sends nothing for an empty reply, and a prompt when only options remain', () => {
    expect(renderReply({ text: '  ' }, ctx())).toEqual([]);
    expect(renderReply({ text: '', options: [{ label: 'Ya', value: 'ya' }] }, ctx())[0]!.text).toBe('Silakan pilih:');
  });
});
