/**
 * Everything that decides what the bot says, built from the data files: knowledge (faq/), the
 * NLU, the dialogue (flows/), SLA targets and the working calendar. Shared by the service and
 * the analyze CLI, so `npm run -s analyze` answers exactly as a first message would be answered.
 */
import { join } from 'node:path';
import type { Config } from '../config/env';
import { createDialogue } from '../dialogue';
import type { FlowDialogue } from '../dialogue/port';
import { DEFAULT_FAQ_DIR, loadKnowledge } from '../knowledge/load-knowledge';
import { PublishedFaq, withPublishedAnswers } from '../knowledge/published-faq';
import type { Knowledge } from '../knowledge/types';
import { createNlu, loadLexicon, type Nlu } from '../nlu';
import { type BusinessCalendar, DEFAULT_FLOWS_DIR, loadBusinessCalendar, loadSlaConfig, type SlaConfig } from '../tickets';

export interface ConversationModel {
  knowledge: Knowledge;
  nlu: Nlu;
  dialogue: FlowDialogue;
  sla: SlaConfig;
  calendar: BusinessCalendar;
  /** FAQ entries published from the console; `nlu` and `dialogue` answer with them once loaded. */
  published: PublishedFaq;
}

export function buildConversationModel(
  config: Pick<Config, 'FAQ_DIR' | 'FLOWS_DIR' | 'DATA_DIR' | 'FLOW_TIMEOUT_MINUTES'> & Partial<Pick<Config, 'NLU_CACHE_DIR'>>,
): ConversationModel {
  const faqDir = config.FAQ_DIR ?? DEFAULT_FAQ_DIR;
  const flowsDir = config.FLOWS_DIR ?? DEFAULT_FLOWS_DIR;
  const knowledge = loadKnowledge(faqDir);
  const sla = loadSlaConfig(flowsDir);
  const calendar = loadBusinessCalendar(flowsDir);
  const lexicon = loadLexicon(join(faqDir, 'normalisasi.yaml'), 'faq/normalisasi.yaml');
  const fileNlu = createNlu(knowledge, lexicon, { cacheDir: config.NLU_CACHE_DIR ?? join(config.DATA_DIR, '.cache') });
  const published = new PublishedFaq(knowledge, (text) => fileNlu.understand(text).normalized);
  const nlu = withPublishedAnswers(fileNlu, published, knowledge);
  const dialogue = createDialogue(published.knowledge, {
    flowsDir,
    flowTimeoutMinutes: config.FLOW_TIMEOUT_MINUTES,
    resolveService: (text: string) => fileNlu.understand(text).service,
    sla,
    calendar,
  });
  return { knowledge, nlu, dialogue, sla, calendar, published };
}
