import { contactMatches, emailKey, mentionPattern, parseSubject, phoneKey, senderMatches } from '../../../src/privacy/contact';

describe('phone numbers in any usual form', () => {
  it.each([
    '081234567890',
    '0812-3456-7890',
    '0812 3456 7890',
    '+62 812 3456 7890',
    '+62-812-3456-7890',
    '62812 3456 7890',
    '6281234567890',
    '(0812) 3456.7890',
    '81234567890',
    '6281234567890@c.us',
  ])('%s -> 6281234567890', (form) => {
    expect(phoneKey(form)).toBe('6281234567890');
  });

  it.each(['halo', '1234', '3209123456780001', '199001012015031001', '+1 555 0100', ''])('%s is no Indonesian phone number', (text) => {
    expect(phoneKey(text)).toBeNull();
  });
});

describe('parseSubject', () => {
  it('reads a phone number, an e-mail address and a Telegram id', () => {
    expect(parseSubject(' +62 812-3456-7890 ')).toEqual({ input: '+62 812-3456-7890', phone: '6281234567890', email: null, telegramId: null });
    expect(parseSubject('Budi.Santoso@Example.COM')).toMatchObject({ email: 'budi.santoso@example.com', phone: null, telegramId: null });
    expect(parseSubject('555123456')).toMatchObject({ phone: null, telegramId: '555123456' });
    expect(parseSubject('telegram:812345678')).toMatchObject({ phone: null, telegramId: '812345678' });
    // A bare number that could be both is tried as both.
    expect(parseSubject('81234567890')).toMatchObject({ phone: '6281234567890', telegramId: '81234567890' });
  });

  it.each(['', '   ', 'abc', 'budi@', 'x'.repeat(300)])('refuses %j with an Indonesian error', (raw) => {
    expect(() => parseSubject(raw)).toThrow(/kontak|email|panjang/i);
  });
});

describe('matching stored data', () => {
  const phone = parseSubject('0812 3456 7890');
  const email = parseSubject('budi@example.com');
  const telegram = parseSubject('telegram:555123456');

  it('matches stored contacts in any form, e-mails case-insensitively', () => {
    expect(contactMatches('+6281234567890', phone)).toBe(true);
    expect(contactMatches('081234567890', phone)).toBe(true);
    expect(contactMatches('081234567891', phone)).toBe(false);
    expect(contactMatches('BUDI@example.com', email)).toBe(true);
    expect(contactMatches('budi@example.org', email)).toBe(false);
    expect(contactMatches(undefined, phone)).toBe(false);
    expect(emailKey('not an email')).toBeNull();
  });

  it('matches channel addresses: a WhatsApp id by its number, a Telegram id exactly', () => {
    expect(senderMatches('whatsapp', '6281234567890@c.us', phone)).toBe(true);
    expect(senderMatches('whatsapp', '6281234567899@c.us', phone)).toBe(false);
    expect(senderMatches('telegram', '555123456', telegram)).toBe(true);
    expect(senderMatches('telegram', '5551234567', telegram)).toBe(false);
    expect(senderMatches('webchat', 'abc', phone)).toBe(false);
  });

  it('finds the person in free text in any form, and not inside longer numbers', () => {
    const re = new RegExp(mentionPattern(phone), 'i');
    for (const text of ['hubungi 0812-3456-7890 ya', 'no saya +62 812 3456 7890', 'WA: 6281234567890.', 'nomor (0812) 3456 7890', '81234567890']) {
      expect(text).toMatch(re);
    }
    for (const text of ['081234567891', 'NIK 3208123456789012', 'tiket HD-261123-0001']) expect(text).not.toMatch(re);
    expect('Email: Budi@Example.com').toMatch(new RegExp(mentionPattern(email), 'i'));
    const tg = new RegExp(mentionPattern(telegram), 'i');
    expect('telegram:555123456').toMatch(tg);
    expect('5551234567').not.toMatch(tg);
  });
});
