/**
 * What citizens read carries no internal references: no "Menurut pedoman…", "Tabel 3.1",
 * "Peta Rencana…", configuration notes ("nilai bawaan, dapat diubah"), doubled words
 * ("Layanan **Layanan Kepegawaian**") or unfilled placeholders. Scanned: every FAQ answer (the
 * every-service answers for every service, the grade answers for every grade), every catalog card,
 * the service list, every text of the flow files, and the replies to every message of the
 * regression set through the real analyzer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyzer } from '../../../src/analyze/analyzer';
import { buildConversationModel } from '../../../src/app/conversation-model';
import { loadConfig } from '../../../src/config/env';
import type { FlowDialogue } from '../../../src/dialogue/port';
import { catalogAnswer } from '../../../src/dialogue/handlers/informasi';
import { renderAnswer, serviceListText } from '../../../src/knowledge/answer-facts';
import type { Turn } from '../../../src/dialogue/context';
import type { DialogueEngine } from '../../../src/dialogue/engine';

/** Internal wording, with what it looks like. */
const INTERNAL_WORDING: [string, RegExp][] = [
  ['citing the guideline or a document', /\bmenurut (pedoman|dokumen|tabel|peta rencana|skema)/i],
  ['saying what the guideline does not say', /\b(pedoman|dokumen)\b[^.\n]{0,60}\b(tidak|belum) (merinci|mengatur|menjelaskan|menyebut|menyebutkan|mencantumkan|menetapkan|memuat)/i],
  ['saying what is not in the guideline', /\b(tidak|belum) (dirinci|diatur|dijelaskan|disebut|disebutkan|dicantumkan|tercantum|tertulis|ditetapkan)\b[^.\n]{0,30}\b(di|dalam) (pedoman|dokumen)/i],
  ['quoting the guideline\'s text', /\bpedoman (menyebut|menulis|menuliskan|menggambarkan|mencatat|menetapkan)|\bdi pedoman tertulis|\bdokumen (tidak|belum) /i],
  ['a table or chapter number', /\bTabel \d|\bBAB [IVX]+\b/],
  ['citing the SPBE road map', /peta rencana[^.\n]{0,25}\b(mencatat|menyebut|menyebutnya|merujuk|menempatkan)\b|\b(menurut|tercatat( aktif)? (dalam|di)) peta rencana/i],
  ['a configuration note', /\bnilai bawaan\b|\bdapat diubah\b|\bcatatan untuk penyunting\b|\bTODO\b/i],
  ['an unfilled placeholder', /\{[a-z_]+\}/],
  ['a doubled word', /\b(\p{L}{3,})\b[\s*_]+\1\b(?!\.\w)/iu],
];

function problemsIn(text: string): string[] {
  return INTERNAL_WORDING.filter(([, re]) => re.test(text)).map(([what, re]) => `${what}: …${text.match(re)![0]}…`);
}

const GRADES = ['I/a', 'II/c', 'III/a', 'III/b', 'III/d', 'IV/a', 'IV/e'];

describe('citizen-facing wording', () => {
  const model = buildConversationModel(loadConfig({ ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'wording-')) } as NodeJS.ProcessEnv));
  const { knowledge, calendar, sla } = model;
  const engine = model.dialogue as FlowDialogue & DialogueEngine;
  const flows = engine.deps.flows;
  const ctx = { knowledge, calendar, sla, now: Date.UTC(2026, 10, 24, 3, 0), kindTitles: flows.salam.judul_jenis_layanan };
  const services = [...knowledge.services.values()];

  it.each(knowledge.faq.map((e) => [e.id, e] as const))('FAQ answer %s', (_id, entry) => {
    const texts: string[] = [];
    for (const service of entry.forEveryService ? services : [null]) {
      texts.push(renderAnswer(entry, { ...ctx, service }));
      if (entry.details?.length) for (const g of GRADES) texts.push(renderAnswer(entry, { ...ctx, service, question: `golongan ${g}` }));
    }
    expect(texts.flatMap(problemsIn)).toEqual([]);
  });

  it('catalog cards and the service list', () => {
    const turn = { deps: engine.deps } as unknown as Turn;
    const texts = [...services.map((s) => catalogAnswer(turn, s)), serviceListText(knowledge, flows.salam.judul_jenis_layanan)];
    expect(texts.flatMap(problemsIn)).toEqual([]);
  });

  it('every text of the flow files', () => {
    const texts: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const flow of flows.byId.values()) walk(flow);
    // Templates are checked with their placeholders filled by a long service name.
    const filled = texts.map((t) => t.replace(/\{layanan\}/g, 'Layanan Kepegawaian').replace(/\{[a-z_]+\}/g, 'x'));
    expect(filled.flatMap(problemsIn)).toEqual([]);
  });

  it('the replies to every labelled message (faq/contoh-berlabel)', async () => {
    const analyzer = createAnalyzer({ nlu: model.nlu, dialogue: model.dialogue, officeHours: (t) => calendar.officeHours(t), now: () => ctx.now });
    const problems: string[] = [];
    for (const { text, channel } of knowledge.labelled) {
      const { reply } = await analyzer.analyze({ text, channel: channel ?? 'webchat' });
      for (const p of problemsIn(reply)) problems.push(`${text} -> ${p}`);
    }
    expect(problems).toEqual([]);
  });
});
