/**
 * Knowledge gaps recorded where the bot falls back, by the Dialogue decorator (no change to the
 * dialogue's handlers): unanswered questions, low-confidence clarifications and "tidak membantu",
 * with personal numbers masked; answered questions and repeated offers record nothing.
 */
import { DialogueEngine } from '../../../src/dialogue/engine';
import { recordingGaps } from '../../../src/knowledge/gap-recorder';
import type { BotEvent } from '../../../src/knowledge/port';
import { createLogger } from '../../../src/runtime/logger';
import { Chat, MemoryPorts, newDialogue } from '../dialogue/helpers/harness';

function setup() {
  const events: BotEvent[] = [];
  const engine = newDialogue() as DialogueEngine;
  const { flows } = engine.deps;
  const dialogue = recordingGaps(engine, {
    store: { recordBotEvent: async (e) => void events.push(e) },
    flows: { informasi: flows.informasi.id, umum: flows.umum.id },
    normalize: (t) => t.toLowerCase().replace(/[?!.]/g, ''),
    agencyOf: (s) => (s === 'kepegawaian' ? 'bkpsdm' : null),
    logger: createLogger('silent'),
  });
  return { events, chat: new Chat(dialogue, new MemoryPorts()), dialogue, engine };
}

it('records a question the bot has no answer for as unanswered', async () => {
  const { events, chat } = setup();
  await chat.send('Apa syarat sewa gedung olahraga milik pemkab?', { type: 'informasi', confidence: 0.9, service: null, faq: null });
  expect(chat.flowId).toBe('informasi');
  expect(events).toEqual([
    expect.objectContaining({ kind: 'unanswered', text: 'Apa syarat sewa gedung olahraga milik pemkab?', normalized: 'apa syarat sewa gedung olahraga milik pemkab', channel: 'webchat', agency: null }),
  ]);
});

it('records a low-confidence message (the bot asks instead of guessing), masking personal numbers', async () => {
  const { events, chat } = setup();
  await chat.send('halo min nomor saya 0812-3456-7890 mau tanya soal itu', { type: 'informasi', confidence: 0.1 });
  expect(chat.flowId).toBe('umum');
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ kind: 'low_confidence', text: 'halo min nomor saya [nomor] mau tanya soal itu' });
  expect(JSON.stringify(events)).not.toContain('3456');
});

it('records "tidak membantu" with the question that was answered, and nothing for a helpful answer', async () => {
  const { events, chat } = setup();
  const simpeg = { type: 'informasi' as const, confidence: 0.95, service: 'kepegawaian', faq: { id: 'simpeg-lupa-password', score: 0.9 } };
  await chat.send('Apa itu SIMPEG?', simpeg);
  expect(chat.step).toBe('membantu');
  expect(events).toEqual([]);
  await chat.send('tidak');
  expect(events).toEqual([expect.objectContaining({ kind: 'not_helpful', text: 'Apa itu SIMPEG?', service: 'kepegawaian', agency: 'bkpsdm' })]);

  const second = setup();
  await second.chat.send('Apa itu SIMPEG?', simpeg);
  await second.chat.send('ya');
  expect(second.events).toEqual([]);
});

it('keeps the survey and expiry of the dialogue it wraps', () => {
  const { dialogue, engine } = setup();
  const now = Date.UTC(2026, 10, 23, 2);
  expect(dialogue.startSurvey('HD-261123-0001', now)).toEqual(engine.startSurvey('HD-261123-0001', now));
  expect(dialogue.expiresAt(null)).toBeNull();
});

it('passes turns while a human owns the chat through: batal leaves the queue, an answer reaches the ticket', async () => {
  const { events, dialogue } = setup();
  // In the human queue: `batal` leaves it and the bot says so.
  const queued = new Chat(dialogue, new MemoryPorts());
  queued.conversation.owner = 'waiting';
  await queued.send('batal');
  expect(queued.last!.leftQueue).toBe(true);
  expect(queued.conversation.owner).toBe('bot');
  expect(queued.text).toMatch(/keluar dari antrean petugas/);

  // Held by the officer who asked: a file-only answer lands on the ticket waiting on the reporter.
  const ports = new MemoryPorts();
  const chat = new Chat(dialogue, ports, { contact: '081234567890' });
  await chat.send('perizinan online tidak bisa upload dokumen sejak kemarin', { type: 'gangguan', service: 'perizinan' });
  await chat.send('lewati');
  await chat.send('kirim');
  const number = chat.conversation.ticketNumber!;
  chat.conversation.owner = 'officer';
  chat.conversation.officerId = 'ofc-1';
  ports.ask(number, 'Mohon kirim tangkapan layarnya.', chat.now);
  const photo = { kind: 'image' as const, mimeType: 'image/png', sizeBytes: 74, storageKey: `${'b'.repeat(64)}.png` };
  await chat.send('', undefined, [photo]);
  expect(ports.reporterReplies).toEqual([{ number, text: '', media: [photo] }]);
  expect(chat.text).toContain(`ditambahkan ke tiket **${number}**`);
  expect(events).toEqual([]);
});
