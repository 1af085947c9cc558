/**
 * Knowledge gaps, recorded where the bot falls back, without touching the dialogue's handlers:
 * a Dialogue decorator compares the flow state before and after each turn.
 * - unanswered: the question flow ends in its "no answer, what now?" offer (informasi/tawaran);
 * - not_helpful: the user said an answer did not help (informasi/membantu -> tawaran);
 * - low_confidence: the bot asked to clarify instead of guessing (the `umum` flow).
 * The question is kept with personal numbers and e-mail addresses masked, and normalised by the
 * NLU for grouping. Recording never fails a turn (errors are logged).
 */
import type { AgencyId, ServiceId } from '../domain/ids';
import { parseState } from '../dialogue/context';
import type { DialogueInput, DialogueOutput, FlowDialogue } from '../dialogue/port';
import type { Logger } from '../runtime/logger';
import { maskPersonalData } from './personal-data';
import type { BotEvent, BotEventKind, KnowledgeStore } from './port';

export const MAX_GAP_TEXT = 500;

export interface GapFlows {
  /** Id of the question flow (flows/informasi.yaml). */
  informasi: string;
  /** Id of the clarification flow (flows/umum.yaml). */
  umum: string;
}

/** What the turn says about the bot's knowledge, if anything. */
export function gapOf(input: DialogueInput, out: DialogueOutput, flows: GapFlows): { kind: BotEventKind; question: string } | null {
  const before = parseState(input.conversation.flow);
  const after = parseState(out.flow);
  if (!after) return null;
  const question = typeof after.data.question === 'string' ? after.data.question.trim() : '';
  const beforeQuestion = before && typeof before.data.question === 'string' ? before.data.question.trim() : '';
  if (after.flow === flows.informasi && after.step === 'tawaran') {
    if (before?.flow === flows.informasi && before.step === 'membantu') return question ? { kind: 'not_helpful', question } : null;
    if (!question || (before?.flow === flows.informasi && question === beforeQuestion)) return null;
    return { kind: 'unanswered', question };
  }
  if (after.flow === flows.umum && question && !(before?.flow === flows.umum && question === beforeQuestion)) return { kind: 'low_confidence', question };
  return null;
}

export interface GapRecorderDeps {
  store: Pick<KnowledgeStore, 'recordBotEvent'>;
  flows: GapFlows;
  /** The NLU's normalised text of a question (Understanding.normalized). */
  normalize(text: string): string;
  agencyOf(service: ServiceId | null): AgencyId | null;
  logger: Logger;
}

export function recordingGaps(dialogue: FlowDialogue, deps: GapRecorderDeps): FlowDialogue {
  return {
    startSurvey: (ticketNumber, now) => dialogue.startSurvey(ticketNumber, now),
    expiresAt: (flow) => dialogue.expiresAt(flow),
    expiryNotice: (flow, now) => dialogue.expiryNotice(flow, now),
    // Turns while a human owns the chat (batal in the queue, answers to an officer's question)
    // are no bot fallbacks: passed through unrecorded.
    whileHuman: (input, ports) => dialogue.whileHuman(input, ports),
    async respond(input, ports) {
      const out = await dialogue.respond(input, ports);
      const gap = gapOf(input, out, deps.flows);
      if (gap) {
        try {
          const text = maskPersonalData(gap.question).slice(0, MAX_GAP_TEXT);
          const c = input.conversation;
          const service = out.service !== undefined ? out.service : c.service;
          const event: BotEvent = {
            // One event per turn: a turn decided again after a crash or a version conflict has the same id.
            id: `${gap.kind}:${c.id}:${c.processedSeq}`,
            kind: gap.kind,
            at: input.now,
            conversationId: c.id,
            channel: c.channel,
            agency: c.agency ?? deps.agencyOf(service ?? null),
            service: service ?? null,
            text,
            normalized: deps.normalize(text),
            confidence: input.understanding.confidence,
          };
          await deps.store.recordBotEvent(event);
        } catch (err) {
          deps.logger.warn('knowledge gap not recorded', { err });
        }
      }
      return out;
    },
  };
}
