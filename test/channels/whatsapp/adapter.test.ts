/**
 * The WhatsApp adapter against a protocol-level fake of whatsapp-web.js's Client: events in,
 * sendMessage calls out. No browser, no network, no timed assertions (clock, sleep and timers
 * are injected).
 */
import { WhatsAppAdapter } from '../../../channels/whatsapp/adapter';
import { parseWhatsAppConfig, type WhatsAppConfigInput } from '../../../channels/whatsapp/config';
import { MENU_HINT } from '../../../channels/whatsapp/renderer';
import type { AttachmentSink, ChannelStatus, Ingress } from '../../../channels/types';
import { RecipientUnreachableError, TransientError, UserInputError } from '../../../src/domain/errors';
import type { InboundMessage, MediaRef } from '../../../src/domain/messages';
import {
  fakeCall,
  fakeClientFactory,
  groupMessage,
  lidMessage,
  mediaMessage,
  ownMessage,
  statusMessage,
  textMessage,
} from '../../helpers/fake-whatsapp-client';

const CITIZEN = '6281234567890@c.us';

class RecordingIngress implements Ingress {
  readonly accepted: InboundMessage[] = [];
  readonly calls: InboundMessage[] = [];
  failuresLeft = 0;
  async accept(message: InboundMessage): Promise<{ duplicate: boolean }> {
    this.calls.push(message);
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new TransientError('antrean penuh', 100);
    }
    // De-duplicates like the real ingress: on (channel, externalId).
    const duplicate = this.accepted.some((m) => m.channel === message.channel && m.externalId === message.externalId);
    if (!duplicate) this.accepted.push(message);
    return { duplicate };
  }
}

class RecordingSink implements AttachmentSink {
  readonly saved: { bytes: Buffer; mimeType: string; fileName?: string }[] = [];
  async save(input: { bytes: Buffer; mimeType: string; fileName?: string }): Promise<MediaRef> {
    this.saved.push(input);
    return { kind: 'image', mimeType: input.mimeType, sizeBytes: input.bytes.length, storageKey: `att/${this.saved.length}`, ...(input.fileName ? { fileName: input.fileName } : {}) };
  }
}

/** Lets queued promise callbacks run (event-loop turns, not wall-clock time). */
async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

function setup(configInput: WhatsAppConfigInput = {}, writtenFirst: string[] = []) {
  const fakes = fakeClientFactory();
  const ingress = new RecordingIngress();
  const sink = new RecordingSink();
  const clock = { t: 1_750_000_000_000 };
  const sleeps: number[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const qrs: string[] = [];
  const statuses: ChannelStatus[] = [];
  const adapter = new WhatsAppAdapter({
    config: parseWhatsAppConfig({ enabled: true, ...configInput }),
    clientFactory: fakes.factory,
    hasWrittenFirst: async (id) => writtenFirst.includes(id),
    attachments: sink,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    printQr: (qr) => qrs.push(qr),
    now: () => clock.t,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.t += ms;
    },
    schedule: (fn, ms) => {
      const entry = { fn, ms };
      timers.push(entry);
      return () => timers.splice(timers.indexOf(entry), 1);
    },
  });
  adapter.onStatusChange((s) => statuses.push(s));
  return { adapter, fakes, ingress, sink, clock, sleeps, timers, qrs, statuses };
}

async function connected(configInput: WhatsAppConfigInput = {}, writtenFirst: string[] = []) {
  const ctx = setup(configInput, writtenFirst);
  await ctx.adapter.start(ctx.ingress);
  ctx.fakes.latest().emit('ready');
  return ctx;
}

describe('WhatsApp adapter', () => {
  it('passes an inbound text to the ingress and sends the rendered reply', async () => {
    const { adapter, fakes, ingress } = await connected();
    const client = fakes.latest();
    client.emit('message', textMessage(CITIZEN, 'Aplikasi e-Kinerja tidak bisa dibuka', { id: 'false_6281234567890@c.us_3EB0A1', timestamp: 1_750_000_100 }));
    await settle();
    expect(ingress.accepted).toEqual([
      {
        channel: 'whatsapp',
        threadId: CITIZEN,
        senderId: CITIZEN,
        externalId: 'false_6281234567890@c.us_3EB0A1',
        text: 'Aplikasi e-Kinerja tidak bisa dibuka',
        receivedAt: 1_750_000_100_000,
        senderName: 'Warga Cirebon',
      },
    ]);

    await adapter.send(CITIZEN, {
      text: 'Laporan dicatat dengan nomor **HD-250615-0001**.',
      options: [
        { label: 'Lacak tiket', value: 'lacak' },
        { label: 'Bicara dengan petugas', value: 'agen' },
      ],
    });
    expect(client.sent).toEqual([
      { chatId: CITIZEN, content: `Laporan dicatat dengan nomor *HD-250615-0001*.\n\n1. Lacak tiket\n2. Bicara dengan petugas\n\n${MENU_HINT}` },
    ]);
  });

  it('gives the same externalId for a redelivered message, so the ingress accepts it once', async () => {
    const { fakes, ingress } = await connected();
    const msg = textMessage(CITIZEN, 'halo', { id: 'false_6281234567890@c.us_3EB0DUP' });
    fakes.latest().emit('message', msg);
    fakes.latest().emit('message', { ...msg });
    await settle();
    expect(ingress.calls.map((m) => m.externalId)).toEqual(['false_6281234567890@c.us_3EB0DUP', 'false_6281234567890@c.us_3EB0DUP']);
    expect(ingress.accepted).toHaveLength(1);
  });

  it('ignores group, status and own messages', async () => {
    const { fakes, ingress } = await connected();
    fakes.latest().emit('message', groupMessage());
    fakes.latest().emit('message', statusMessage());
    fakes.latest().emit('message', ownMessage());
    await settle();
    expect(ingress.calls).toHaveLength(0);
  });

  it('works with an @lid sender, also for the reply', async () => {
    const { adapter, fakes, ingress } = await connected();
    fakes.latest().emit('message', lidMessage('204050607080901@lid', 'cek tiket'));
    await settle();
    expect(ingress.accepted[0]).toMatchObject({ threadId: '204050607080901@lid', senderId: '204050607080901@lid', text: 'cek tiket' });
    await adapter.send('204050607080901@lid', { text: 'Tiket Anda sedang diproses.' });
    expect(fakes.latest().textsTo('204050607080901@lid')).toEqual(['Tiket Anda sedang diproses.']);
  });

  it('retries the ingress on TransientError and keeps the message', async () => {
    const { fakes, ingress, sleeps } = await connected();
    ingress.failuresLeft = 2;
    fakes.latest().emit('message', textMessage(CITIZEN, 'halo'));
    await settle();
    expect(ingress.calls).toHaveLength(3);
    expect(ingress.accepted).toHaveLength(1);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('answers a message refused at the door (too long) instead of dropping it silently', async () => {
    const { fakes, ingress } = await connected();
    ingress.accept = async () => {
      throw new UserInputError('Pesan terlalu panjang (maksimal 4096 karakter). Silakan persingkat pesan Anda.');
    };
    fakes.latest().emit('message', textMessage(CITIZEN, 'x'.repeat(5000)));
    await settle();
    expect(fakes.latest().textsTo(CITIZEN)).toEqual(['Pesan terlalu panjang (maksimal 4096 karakter). Silakan persingkat pesan Anda.']);
  });

  it('asks the citizen to resend when the ingress stays unavailable', async () => {
    const { fakes, ingress } = await connected();
    ingress.failuresLeft = 100;
    fakes.latest().emit('message', textMessage(CITIZEN, 'halo'));
    await settle(60);
    expect(fakes.latest().textsTo(CITIZEN).join('\n')).toMatch(/kirim ulang/);
  });

  it('shows the QR state and keeps the latest QR', async () => {
    const { adapter, fakes, ingress, qrs } = setup();
    await adapter.start(ingress);
    expect(adapter.status().state).toBe('starting');
    expect(fakes.latest().initializeCalls).toBe(1);
    fakes.latest().emit('qr', '2@abc');
    fakes.latest().emit('qr', '2@def');
    expect(adapter.status().state).toBe('needs_qr');
    expect(adapter.latestQr()).toBe('2@def');
    expect(qrs).toEqual(['2@abc', '2@def']);
    fakes.latest().emit('authenticated');
    fakes.latest().emit('ready');
    expect(adapter.status().state).toBe('connected');
    expect(adapter.latestQr()).toBeNull();
  });

  it('reconnects after a disconnect with a new client, and shows it', async () => {
    const { adapter, fakes, timers, statuses } = await connected();
    const first = fakes.latest();
    first.emit('disconnected', 'NAVIGATION');
    expect(adapter.status().state).toBe('disconnected');
    expect(timers.map((t) => t.ms)).toEqual([5000]);
    timers[0]!.fn();
    await settle();
    expect(first.destroyCalls).toBe(1);
    expect(fakes.clients).toHaveLength(2);
    const second = fakes.latest();
    expect(second.initializeCalls).toBe(1);
    // Events of the old client no longer count.
    first.emit('ready');
    expect(adapter.status().state).toBe('disconnected');
    second.emit('ready');
    expect(adapter.status().state).toBe('connected');
    expect(statuses.map((s) => s.state)).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('backs off exponentially and fails after the maximum attempts', async () => {
    const { adapter, fakes, timers } = await connected({ reconnect: { initialDelayMs: 1000, maxDelayMs: 3000, maxAttempts: 3 } });
    fakes.latest().emit('disconnected', 'CONFLICT');
    for (let i = 0; i < 3; i++) {
      const timer = timers.shift()!;
      expect(timer.ms).toBe([1000, 2000, 3000][i]);
      const before = fakes.clients.length;
      timer.fn();
      await settle();
      expect(fakes.clients.length).toBe(before + 1);
      fakes.latest().emit('disconnected', 'CONFLICT');
    }
    expect(timers).toHaveLength(0);
    expect(adapter.status().state).toBe('failed');
    expect(adapter.status().detail).toContain('session-helpdesk');
  });

  it('reports failed with detail when the first initialize fails', async () => {
    const fakes = fakeClientFactory();
    const ctx = setup();
    const adapter = new WhatsAppAdapter({
      config: parseWhatsAppConfig({ enabled: true }),
      clientFactory: () => {
        const c = fakes.factory();
        c.initializeError = new Error('Failed to launch the browser process');
        return c;
      },
      hasWrittenFirst: async () => false,
      attachments: ctx.sink,
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
    await adapter.start(ctx.ingress);
    await settle();
    expect(adapter.status().state).toBe('failed');
    expect(adapter.status().detail).toContain('Failed to launch the browser process');
  });

  it('saves a photo through the AttachmentSink and includes it in the message', async () => {
    const { fakes, ingress, sink } = await connected();
    const bytes = Buffer.alloc(2048, 7);
    fakes.latest().emit('message', mediaMessage(CITIZEN, { mimetype: 'image/jpeg', bytes }, { body: 'layar error' }));
    await settle();
    expect(sink.saved).toHaveLength(1);
    expect(sink.saved[0]!.bytes.equals(bytes)).toBe(true);
    expect(ingress.accepted[0]).toMatchObject({
      text: 'layar error',
      media: [{ kind: 'image', mimeType: 'image/jpeg', sizeBytes: 2048, storageKey: 'att/1' }],
    });
  });

  it('refuses an oversized file politely, without saving it', async () => {
    const { fakes, ingress, sink } = await connected({ media: { maxBytes: 1000 } });
    const msg = mediaMessage(CITIZEN, { mimetype: 'application/pdf', bytes: Buffer.alloc(5000), filename: 'laporan.pdf' });
    fakes.latest().emit('message', msg);
    await settle();
    expect(sink.saved).toHaveLength(0);
    expect(ingress.calls).toHaveLength(0);
    const [notice] = fakes.latest().textsTo(CITIZEN);
    expect(notice).toMatch(/Mohon maaf, lampiran Anda tidak dapat kami terima/);
    expect(notice).toContain('PDF');
    expect(notice).toContain('maksimal 1 KB');
  });

  it('refuses before downloading when WhatsApp announces a big file, but keeps the caption', async () => {
    const { fakes, ingress, sink } = await connected();
    const msg = mediaMessage(CITIZEN, { mimetype: 'application/pdf', bytes: Buffer.alloc(10) }, { body: 'ini berkasnya', announced: { size: 50 * 1024 * 1024, mimetype: 'application/pdf' } });
    fakes.latest().emit('message', msg);
    await settle();
    expect(msg.downloadCalls).toBe(0);
    expect(sink.saved).toHaveLength(0);
    expect(fakes.latest().textsTo(CITIZEN)[0]).toContain('10 MB');
    expect(ingress.accepted[0]).toMatchObject({ text: 'ini berkasnya' });
    expect(ingress.accepted[0]!.media).toBeUndefined();
  });

  it('refuses a voice note (type not allowed)', async () => {
    const { fakes, sink } = await connected();
    fakes.latest().emit('message', mediaMessage(CITIZEN, { mimetype: 'audio/ogg; codecs=opus', bytes: Buffer.alloc(10) }, { type: 'ptt' }));
    await settle();
    expect(sink.saved).toHaveLength(0);
    expect(fakes.latest().textsTo(CITIZEN)).toHaveLength(1);
  });

  it('rejects a call and answers once with the text', async () => {
    const { fakes } = await connected({ callReplyText: 'Mohon ketik pesan Anda.' });
    const call = fakeCall(CITIZEN);
    fakes.latest().emit('call', call);
    fakes.latest().emit('call', fakeCall(CITIZEN));
    await settle();
    expect(call.rejected).toBe(1);
    expect(fakes.latest().textsTo(CITIZEN)).toEqual(['Mohon ketik pesan Anda.']);
  });

  it('does not answer group calls', async () => {
    const { fakes } = await connected();
    fakes.latest().emit('call', fakeCall('120363000000000000@g.us', { isGroup: true }));
    await settle();
    expect(fakes.latest().sent).toHaveLength(0);
  });

  it('refuses to send to a chat that never wrote, without calling sendMessage', async () => {
    const { adapter, fakes } = await connected();
    await expect(adapter.send('6289876543210@c.us', { text: 'Halo' })).rejects.toBeInstanceOf(RecipientUnreachableError);
    expect(fakes.latest().sent).toHaveLength(0);
  });

  it('refuses identical text to many chats that did not write recently', async () => {
    const chats = Array.from({ length: 7 }, (_, i) => `6285000000${i}@c.us`);
    const { adapter, fakes } = await connected({}, chats);
    const results = [];
    for (const c of chats) results.push(await adapter.send(c, { text: 'Promo layanan baru!' }).then(() => 'ok', (e: Error) => e.name));
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'IdenticalBulkTextError', 'IdenticalBulkTextError']);
    expect(fakes.latest().sent).toHaveLength(5);
  });

  it('answers TransientError while disconnected', async () => {
    const { adapter, fakes } = await connected({}, [CITIZEN]);
    fakes.latest().emit('disconnected', 'NAVIGATION');
    await expect(adapter.send(CITIZEN, { text: 'Halo' })).rejects.toBeInstanceOf(TransientError);
  });

  it('stays disabled when not enabled, and stop() destroys the client', async () => {
    const off = setup({ enabled: false });
    await off.adapter.start(off.ingress);
    await off.adapter.stop();
    expect(off.adapter.status().state).toBe('disabled');
    expect(off.fakes.clients).toHaveLength(0);

    const on = await connected();
    await on.adapter.stop();
    expect(on.fakes.latest().destroyCalls).toBe(1);
    expect(on.timers).toHaveLength(0);
  });
});
