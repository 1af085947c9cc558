import { createAnalyzer, freshConversation, readOnlyPorts, validateAnalyzeRequest } from '../../../src/analyze/analyzer';
import type { Dialogue, DialogueInput } from '../../../src/dialogue/port';
import { createDialogue } from '../../../src/dialogue';
import { UserInputError } from '../../../src/domain/errors';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import { createNlu, loadLexicon, type Nlu } from '../../../src/nlu';

let nlu: Nlu;
const knowledge = loadKnowledge();
beforeAll(() => {
  nlu = createNlu(knowledge, loadLexicon(), { cacheDir: process.env.NLU_CACHE_DIR });
});

describe('validateAnalyzeRequest', () => {
  it('defaults the channel to webchat and strips control characters', () => {
    expect(validateAnalyzeRequest({ text: '  halo\u0000\u0007 min\u200b ' })).toEqual({ channel: 'webchat', text: 'halo min' });
    expect(validateAnalyzeRequest({ text: 'x', channel: 'telegram' }).channel).toBe('telegram');
  });

  it.each([
    [{ text: '' }, /kosong/],
    [{ text: '   \u0001 ' }, /kosong/],
    [{ text: 'a'.repeat(4001) }, /terlalu panjang/],
    [{ text: 42 }, /text/],
    [{ text: 'halo', channel: 'sms' }, /channel/],
    [null, /objek/],
    [[1, 2], /objek/],
  ])('rejects %j with an Indonesian UserInputError', (input, message) => {
    expect(() => validateAnalyzeRequest(input)).toThrow(UserInputError);
    expect(() => validateAnalyzeRequest(input)).toThrow(message);
  });

  it('accepts exactly 4000 characters', () => {
    expect(validateAnalyzeRequest({ text: 'a'.repeat(4000) }).text).toHaveLength(4000);
  });
});

const closed = () => ({ open: false, nextOpenText: 'Senin, 23 November 2026 pukul 07.30 WIB' });

describe('createAnalyzer', () => {
  it('previews, never creates, the ticket an after-hours officer request would open', async () => {
    const r = await createAnalyzer({ nlu, dialogue: createDialogue(knowledge), officeHours: closed }).analyze({ text: 'tolong sambungkan ke petugas' });
    expect(r.type).toBe('minta_agen');
    expect(r.reply).toMatch(/HD-\d{6}-XXXX/);
    expect(r.reply).toContain('Senin, 23 November 2026');
  });

  it('returns type, service, primary agency, reply and confidence', async () => {
    const analyzer = createAnalyzer({ nlu, dialogue: createDialogue(knowledge), officeHours: closed });
    const r = await analyzer.analyze({ channel: 'whatsapp', text: 'link simpeg apa ya' });
    expect(Object.keys(r).sort()).toEqual(['agency', 'confidence', 'reply', 'service', 'type']);
    expect(r).toMatchObject({ type: 'informasi', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(r.reply.toLowerCase()).toContain('simpeg.cirebonkab.go.id');
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('calls the dialogue as a first message of a fresh conversation and joins reply texts', async () => {
    const seen: DialogueInput[] = [];
    const dialogue: Dialogue = {
      async respond(input, ports) {
        seen.push(input);
        expect(await ports.findTicket('HD-250101-0001')).toBeNull();
        expect(await ports.ticketsOfConversation('analyze')).toEqual([]);
        const preview = await ports.createTicket({ category: 'informasi', createdAt: Date.UTC(2026, 10, 23, 3) } as never);
        expect(preview.number).toBe('HD-261123-XXXX');
        return { flow: { x: 1 }, replies: [{ text: 'satu', options: [{ label: 'A', value: '1' }] }, { text: 'dua' }], handoff: false };
      },
    };
    const r = await createAnalyzer({ nlu, dialogue, officeHours: closed, now: () => 1_700_000_000_000 }).analyze({ channel: 'telegram', text: 'halo' });
    expect(r.reply).toBe('satu\n\ndua');
    expect(seen[0]).toMatchObject({ channel: 'telegram', isFirstMessage: true, now: 1_700_000_000_000, text: 'halo' });
    expect(seen[0]!.conversation).toMatchObject({ id: 'analyze', owner: 'bot', version: 0, flow: null, channel: 'telegram' });
    expect(seen[0]!.understanding.type).toBe('sapaan');
  });

  it('builds a fresh conversation and read-only ports', async () => {
    const c = freshConversation('webchat', 5);
    expect(c).toMatchObject({ id: 'analyze', owner: 'bot', version: 0, flow: null, identity: { senderId: 'analyze' }, ticketNumber: null });
    await expect(readOnlyPorts(closed).rateTicket('HD-250101-0001', 5)).resolves.toBeUndefined();
  });
});
