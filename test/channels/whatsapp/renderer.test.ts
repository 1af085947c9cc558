import { MENU_HINT, renderReply } from '../../../channels/whatsapp/renderer';

describe('WhatsApp renderer', () => {
  it('turns **bold** into *bold* and leaves other characters alone', () => {
    expect(renderReply({ text: 'Tiket **HD-250101-0001** dibuat. Harga <b>_x_ & y' })).toEqual([
      'Tiket *HD-250101-0001* dibuat. Harga <b>_x_ & y',
    ]);
  });

  it('appends options as a numbered menu with the hint', () => {
    const [text] = renderReply({
      text: 'Pilih layanan:',
      options: [
        { label: 'Lapor gangguan', value: 'gangguan' },
        { label: 'Lacak tiket', value: 'lacak_tiket' },
      ],
    });
    expect(text).toBe(`Pilih layanan:\n\n1. Lapor gangguan\n2. Lacak tiket\n\n${MENU_HINT}`);
  });

  it('renders links as "Label: url" lines', () => {
    const [text] = renderReply({
      text: 'Info:',
      links: [
        { label: 'Portal', url: 'https://cirebonkab.go.id' },
        { label: 'SPBE', url: 'https://spbe.go.id' },
      ],
    });
    expect(text).toBe('Info:\n\nPortal: https://cirebonkab.go.id\nSPBE: https://spbe.go.id');
  });

  it('splits long text at word boundaries within the limit', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `kata${i}`).join(' ');
    const parts = renderReply({ text: words });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4000);
    expect(parts.join(' ')).toBe(words);
  });

  it('closes and reopens a bold span cut by a split', () => {
    const bold = Array.from({ length: 30 }, (_, i) => `tebal${i}`).join(' ');
    const parts = renderReply({ text: `awal **${bold}** akhir` }, 100);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(100);
      expect((p.match(/\*/g) ?? []).length % 2).toBe(0);
      expect(p).not.toContain('**');
    }
    expect(parts[0]).toMatch(/^awal \*tebal0 .*\*$/);
    expect(parts[1]).toMatch(/^\*tebal/);
    expect(parts[parts.length - 1]).toMatch(/\* akhir$/);
  });

  it('prefers paragraph breaks when splitting', () => {
    const para = 'a'.repeat(60);
    const parts = renderReply({ text: `${para}\n\n${para}` }, 100);
    expect(parts).toEqual([para, para]);
  });
});
