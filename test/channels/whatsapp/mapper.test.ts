import { isIndividualChat, mapMessage } from '../../../channels/whatsapp/mapper';
import {
  fakeMessage,
  groupMessage,
  lidMessage,
  mediaMessage,
  ownMessage,
  statusMessage,
  textMessage,
} from '../../helpers/fake-whatsapp-client';

describe('WhatsApp mapper', () => {
  it('maps a text message from a phone JID', () => {
    const msg = textMessage('6281234567890@c.us', '  Aplikasi SIMPEG error  ', { id: 'false_6281234567890@c.us_3EB0AAA', timestamp: 1_750_000_123 });
    expect(mapMessage(msg)).toEqual({
      kind: 'accept',
      hasMedia: false,
      message: {
        channel: 'whatsapp',
        threadId: '6281234567890@c.us',
        senderId: '6281234567890@c.us',
        externalId: 'false_6281234567890@c.us_3EB0AAA',
        text: 'Aplikasi SIMPEG error',
        receivedAt: 1_750_000_123_000,
        senderName: 'Warga Cirebon',
      },
    });
  });

  it('accepts an @lid sender and keeps the id as given', () => {
    const r = mapMessage(lidMessage('98765432109876@lid', 'halo'));
    expect(r.kind).toBe('accept');
    if (r.kind === 'accept') {
      expect(r.message.threadId).toBe('98765432109876@lid');
      expect(r.message.senderId).toBe('98765432109876@lid');
    }
  });

  it.each([
    ['group', groupMessage()],
    ['status', statusMessage()],
    ['own', ownMessage()],
    ['newsletter', fakeMessage({ from: '120363111111111111@newsletter', body: 'berita' })],
    ['broadcast', fakeMessage({ from: '1750000000@broadcast', body: 'siaran' })],
  ])('ignores %s messages', (reason, msg) => {
    expect(mapMessage(msg)).toMatchObject({ kind: 'ignore', reason });
  });

  it('ignores a group message even when only author is set', () => {
    expect(mapMessage(fakeMessage({ from: '6281234567890@c.us', author: '6289999999999@c.us' }))).toMatchObject({ kind: 'ignore', reason: 'group' });
  });

  it('ignores reactions, stickers and empty texts', () => {
    expect(mapMessage(fakeMessage({ type: 'reaction', body: '👍' }))).toMatchObject({ kind: 'ignore', reason: 'unsupported_type' });
    expect(mapMessage(fakeMessage({ type: 'e2e_notification', body: '' }))).toMatchObject({ kind: 'ignore', reason: 'unsupported_type' });
    expect(mapMessage(fakeMessage({ body: '   ' }))).toMatchObject({ kind: 'ignore', reason: 'empty' });
  });

  it('uses the caption as text for media and flags the media', () => {
    const msg = mediaMessage('6281234567890@c.us', { mimetype: 'image/jpeg', bytes: Buffer.from('x') }, { body: 'foto layar error' });
    expect(mapMessage(msg)).toMatchObject({ kind: 'accept', hasMedia: true, message: { text: 'foto layar error' } });
  });

  it('recognises individual chats only', () => {
    expect(isIndividualChat('6281234567890@c.us')).toBe(true);
    expect(isIndividualChat('123456789@lid')).toBe(true);
    expect(isIndividualChat('120363000000000000@g.us')).toBe(false);
    expect(isIndividualChat('status@broadcast')).toBe(false);
    expect(isIndividualChat(undefined)).toBe(false);
  });
});
