import { parseSubject } from '../../../src/privacy/contact';
import { createScrubber, PLACEHOLDER, scrubDeep } from '../../../src/privacy/scrub';

describe('createScrubber', () => {
  const scrub = createScrubber({ names: ['Budi Santoso'] });

  it('removes e-mail addresses, NIK, NIP, phone numbers and long numbers', () => {
    const text =
      'NIK saya 3209123456780001, NIP 199001012015031001, HP 0812-3456-7890 / +62 857 1111 2222, email budi.s@example.co.id, rekening 1234567890123';
    const out = scrub(text);
    expect(out).toBe(
      `NIK saya ${PLACEHOLDER.nik}, NIP ${PLACEHOLDER.nip}, HP ${PLACEHOLDER.phone} / ${PLACEHOLDER.phone}, email ${PLACEHOLDER.email}, rekening ${PLACEHOLDER.number}`,
    );
  });

  it('removes the known names, whole and word by word, in any case', () => {
    expect(scrub('Saya Budi Santoso dari kelurahan, pak budi yang kemarin. Santoso-lah.')).toBe(
      `Saya ${PLACEHOLDER.name} dari kelurahan, pak ${PLACEHOLDER.name} yang kemarin. ${PLACEHOLDER.name}-lah.`,
    );
    // Words of other names and parts of longer words stay.
    expect(scrub('Budiman dan Siti')).toBe('Budiman dan Siti');
  });

  it('keeps ticket numbers, dates, times, amounts of up to 8 digits and service names', () => {
    const text = 'Tiket HD-261123-0001 sejak 2026-11-23 pukul 08.30, biaya Rp 1.500.000, SIMPEG error 502';
    expect(scrub(text)).toBe(text);
  });

  it('removes the subject of an erasure in every form, including a short Telegram id', () => {
    const bySubject = createScrubber({ subject: parseSubject('telegram:5551234') });
    expect(bySubject('id telegram saya 5551234, bukan 55512345')).toBe(`id telegram saya ${PLACEHOLDER.contact}, bukan 55512345`);
  });

  it('scrubs every string inside a document, leaving other values', () => {
    expect(scrubDeep({ ip: '10.0.0.1', email: 'a@b.id', n: 3, list: ['0812 3456 7890'] }, scrub)).toEqual({
      ip: '10.0.0.1',
      email: PLACEHOLDER.email,
      n: 3,
      list: [PLACEHOLDER.phone],
    });
  });

  it('is stable: scrubbing twice gives the same text', () => {
    const once = scrub('Budi 081234567890 budi@x.id 3209123456780001');
    expect(scrub(once)).toBe(once);
  });
});
