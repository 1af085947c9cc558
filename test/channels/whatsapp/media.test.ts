import { parseWhatsAppConfig } from '../../../channels/whatsapp/config';
import { formatSize, mediaKind, normaliseMime, refusedNotice } from '../../../channels/whatsapp/media';

describe('WhatsApp media rules', () => {
  it('states the limits in Indonesian', () => {
    expect(formatSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatSize(2.5 * 1024 * 1024)).toBe('2,5 MB');
    expect(refusedNotice(parseWhatsAppConfig().media)).toBe(
      'Mohon maaf, lampiran Anda tidak dapat kami terima. Kami hanya menerima berkas JPG, PNG, WEBP, PDF, Word, Excel, PowerPoint ' +
        'dengan ukuran maksimal 10 MB. Silakan kirim ulang dalam format tersebut, atau jelaskan kendala Anda dengan teks.',
    );
  });

  it('normalises MIME types and maps them to media kinds', () => {
    expect(normaliseMime('Audio/OGG; codecs=opus')).toBe('audio/ogg');
    expect(mediaKind('image/png')).toBe('image');
    expect(mediaKind('application/pdf')).toBe('document');
    expect(mediaKind('audio/ogg')).toBe('audio');
  });
});
