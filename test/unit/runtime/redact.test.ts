import { redactText, redactValue } from '../../../src/runtime/redact';
import { capturedLogger } from '../../helpers/captured-logger';

describe('personal data is redacted from log output', () => {
  it.each([
    ['NIK 3209012345678901 terdaftar', 'NIK [NIK] terdaftar'],
    ['nip: 198501012010011001.', 'nip: [NIP].'],
    ['NIP 19850101 201001 1 001 salah', 'NIP [NIP] salah'],
    ['hubungi 081234567890 ya', 'hubungi [TELEPON] ya'],
    ['wa +62 812-3456-7890 atau 6281234567890', 'wa [TELEPON] atau [TELEPON]'],
    ['0812 3456 789, terima kasih', '[TELEPON], terima kasih'],
    ['surel budi.santoso+helpdesk@cirebonkab.go.id masuk', 'surel [EMAIL] masuk'],
    ['jid 6281234567890@c.us', 'jid [EMAIL]'],
    ['request to https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe failed', 'request to https://api.telegram.org/bot[TOKEN]/getMe failed'],
    ['connect mongodb://helpdesk:s3cr3t@mongo:27017/helpdesk', 'connect mongodb://[disembunyikan]@mongo:27017/helpdesk'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('keeps what is not personal data', () => {
    for (const text of [
      'tiket HD-261203-0042 dibuat',
      'port 3000, 120 ms, versi 2.14.1',
      'conversation 0b7c6a52-8a1e-4d9e-9b1f-5c2d3e4f5a6b',
      'tahun 2024 nomor 500.12.6',
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });

  it('redacts nested field values and hides secret-named fields, keeping error stacks', () => {
    const err = new Error('gagal kirim ke 081234567890');
    const out = redactValue({ to: { phone: '+6281234567890', list: ['a@b.id'] }, token: 'abc', err }) as {
      to: { phone: string; list: string[] };
      token: string;
      err: { type: string; message: string; stack: string };
    };
    expect(out.to.phone).toBe('[TELEPON]');
    expect(out.to.list).toEqual(['[EMAIL]']);
    expect(out.token).toBe('[disembunyikan]');
    expect(out.err.type).toBe('Error');
    expect(out.err.message).toBe('gagal kirim ke [TELEPON]');
    expect(out.err.stack).toMatch(/^Error: gagal kirim ke \[TELEPON\]\n\s+at /);
  });

  it('the logger writes JSON lines with redacted message, fields, child bindings and error stacks', () => {
    const cap = capturedLogger('info');
    cap.logger.child({ sender: '081234567890' }).warn('pesan dari budi@example.com', { nik: '3209012345678901', err: new TypeError('boom') });
    cap.logger.debug('not written at info');
    expect(cap.lines).toHaveLength(1);
    const line = cap.lines[0]!;
    expect(line).toMatchObject({ level: 'warn', msg: 'pesan dari [EMAIL]', sender: '[TELEPON]', nik: '[NIK]' });
    expect((line.err as { stack: string }).stack).toContain('TypeError: boom');
    expect(typeof line.time).toBe('string');
    expect(cap.text()).not.toMatch(/081234567890|3209012345678901|budi@example\.com/);
  });
});
