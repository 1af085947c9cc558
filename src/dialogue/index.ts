/**
 * The dialogue: flows/ interpreted by the engine. createDialogue(knowledge, options?) is what the
 * composition root and the analyze CLI call.
 */
import type { Knowledge } from '../knowledge/types';
import { DialogueEngine, type DialogueOptions } from './engine';
import type { FlowDialogue } from './port';

export function createDialogue(knowledge: Knowledge, options: DialogueOptions = {}): FlowDialogue {
  return new DialogueEngine(knowledge, options);
}

export { DialogueEngine, type DialogueOptions } from './engine';
export { loadFlows, checkFlowsAgainstKnowledge, type Flows } from './load-flows';
export { createCatalogServiceResolver, type ResolveService } from './service-matcher';
export type { Dialogue, DialogueInput, DialogueOutput, DialoguePorts, FlowDialogue, SurveyStart } from './port';
