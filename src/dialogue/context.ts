/**
 * What every flow handler of one turn sees: the input, the ports, the loaded flows and catalog,
 * and helpers that build the common replies. Flow state is plain JSON kept in conversation.flow.
 */
import { createHash } from 'node:crypto';
import type { ServiceId } from '../domain/ids';
import type { MediaRef, Reply } from '../domain/messages';
import type { Knowledge, Service } from '../knowledge/types';
import type { BusinessCalendar } from '../tickets/business-calendar';
import type { SlaConfig } from '../tickets/sla';
import type { DialogueInput, DialogueOutput, DialoguePorts } from './port';
import type { Flows } from './load-flows';
import type { ResolveService } from './service-matcher';
import type { Understanding } from '../domain/understanding';
import { asReplyOptions, pickOption, saysOneOf, type Choice } from './text';

export interface EngineDeps {
  knowledge: Knowledge;
  flows: Flows;
  sla: SlaConfig;
  calendar: BusinessCalendar;
  resolveService: ResolveService;
  /** Default minutes after which an abandoned flow expires. */
  timeoutMinutes: number;
}

/** Data a flow collects; every field optional so old states stay readable after upgrades. */
export interface FlowData {
  /** Chosen service; null = the user said "other / don't know". */
  service?: ServiceId | null;
  serviceLabel?: string;
  candidates?: ServiceId[];
  description?: string;
  contact?: string;
  /** null = not an ASN (skipped). */
  nip?: string | null;
  attachments?: MediaRef[];
  /** Step ids answered or skipped. */
  done?: string[];
  /** On the confirmation step: choosing what to change. */
  editing?: boolean;
  /** The question or message that led here (informasi, clarification). */
  question?: string;
  types?: string[];
  /** FAQ entries offered by "which question did you mean?". */
  faqIds?: string[];
  ticketNumber?: string;
  rating?: number;
  listed?: string[];
  /** tanggapan-pelapor: a message held while asking whether it answers the ticket. */
  held?: { text: string; media: MediaRef[]; understanding: Understanding };
  /** minta-agen while waiting: when the queue position was last told. */
  toldAt?: number;
}

export interface FlowState {
  flow: string;
  step: string;
  startedAt: number;
  updatedAt: number;
  data: FlowData;
}

export interface Outcome {
  flow: FlowState | null;
  replies: Reply[];
  handoff?: boolean;
  service?: ServiceId | null;
  ticketNumber?: string | null;
  identity?: DialogueOutput['identity'];
  fallback?: DialogueOutput['fallback'];
  assign?: DialogueOutput['assign'];
  leftQueue?: boolean;
  /** The flow re-asked its question: the answer did not fit (a new request may leave the flow). */
  retry?: boolean;
  /** The files of the message were taken (into a report, onto a ticket, or to an officer). */
  tookMedia?: boolean;
}

/** Result of continuing a flow: an outcome, null (not for this flow: handle the message fresh) or 'cancel'. */
export type Continuation = Outcome | null | 'cancel';

/** What a menu-like choice can carry into the flow it starts. */
export interface Seed {
  service?: ServiceId | null;
  serviceLabel?: string;
  candidates?: ServiceId[];
  /** Use as the description as is (when it passes the step's checks). */
  description?: string;
  /** The message that started the flow: its content words may make it the description. */
  messageText?: string;
  /** Files sent before the flow started (a photo sent outside a report). */
  attachments?: MediaRef[];
}

export interface Turn {
  deps: EngineDeps;
  input: DialogueInput;
  ports: DialoguePorts;
  now: number;
  text: string;
  startAction(aksi: string, seed?: Seed): Promise<Outcome>;
}

export function state(flow: string, step: string, now: number, data: FlowData = {}, startedAt = now): FlowState {
  return { flow, step, startedAt, updatedAt: now, data };
}

export function parseState(raw: Record<string, unknown> | null): FlowState | null {
  if (!raw || typeof raw.flow !== 'string' || typeof raw.step !== 'string') return null;
  const updatedAt = typeof raw.updatedAt === 'number' ? raw.updatedAt : 0;
  const startedAt = typeof raw.startedAt === 'number' ? raw.startedAt : updatedAt;
  const data = raw.data && typeof raw.data === 'object' ? (raw.data as FlowData) : {};
  return { flow: raw.flow, step: raw.step, startedAt, updatedAt, data };
}

export function choices(options: readonly { label: string; nilai: string; sinonim?: string[] }[]): Choice[] {
  return options.map((o) => ({ label: o.label, value: o.nilai, synonyms: o.sinonim ?? [] }));
}

export function reply(text: string, options?: readonly Choice[]): Reply {
  return options && options.length ? { text, options: asReplyOptions(options) } : { text };
}

export function joinText(...parts: (string | undefined | null | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim().length > 0).join('\n\n');
}

export function menuChoices(turn: Turn): Choice[] {
  return choices(turn.deps.flows.salam.pilihan_menu);
}

/** The main menu: a reply with the menu options and the state that lets "2" pick the second. */
export function menuOutcome(turn: Turn, text: string, prefix: Reply[] = []): Outcome {
  return {
    flow: state(turn.deps.flows.salam.id, 'menu', turn.now),
    replies: [...prefix, reply(text, menuChoices(turn))],
  };
}

export function agencyName(turn: Turn, id: string): string {
  return turn.deps.knowledge.agencies.get(id)?.name ?? id;
}

export function agencyShortName(turn: Turn, id: string): string {
  return turn.deps.knowledge.agencies.get(id)?.shortName ?? id;
}

export function serviceOf(turn: Turn, id: ServiceId | null | undefined): Service | null {
  return id ? (turn.deps.knowledge.services.get(id) ?? null) : null;
}

/** Option of a service: its app names when it has any, with the service name for context. */
export function serviceChoice(service: Service): Choice {
  const apps = service.apps.map((a) => a.name).join('/');
  return { label: apps ? `${apps} (${service.name})` : service.name, value: service.id, synonyms: [service.name, ...service.apps.map((a) => a.name)] };
}

/** Yes or no in any of our languages, with filler words ("muhun", "nggih pak", "iya deh"). */
export function yesNo(turn: Turn, text: string): 'ya' | 'tidak' | null {
  const { umum } = turn.deps.flows;
  if (saysOneOf(text, umum.jawaban.tidak, umum.kata_pengisi)) return 'tidak';
  if (saysOneOf(text, umum.jawaban.ya, umum.kata_pengisi)) return 'ya';
  return null;
}

/** pickOption with the filler words of flows/umum.yaml ("iya kirim aja" picks "Ya, kirim"). */
export function pick<T extends Choice>(turn: Turn, text: string, options: readonly T[]): T | null {
  return pickOption(text, options, turn.deps.flows.umum.kata_pengisi);
}

/**
 * The key of the question a flow state asks (Reply.context): a pressed button whose key differs
 * from the current state's is stale. The menu keeps one key; other flows change it with every
 * step and every new start.
 */
export function contextKey(flow: Pick<FlowState, 'flow' | 'step' | 'startedAt'> | null, menuFlowId: string): string | null {
  if (!flow) return null;
  const token = flow.flow === menuFlowId ? flow.flow : `${flow.flow}:${flow.step}:${flow.startedAt}`;
  return createHash('sha256').update(token).digest('base64url').slice(0, 8);
}

/** "Selamat pagi" etc. by the local hour. */
export function timeOfDayGreeting(turn: Turn): string {
  const local = new Date(turn.now + turn.deps.calendar.config.utcOffsetMinutes * 60_000);
  const h = local.getUTCHours();
  const w = turn.deps.flows.salam.salam_waktu;
  if (h >= 4 && h < 11) return w.pagi;
  if (h >= 11 && h < 15) return w.siang;
  if (h >= 15 && h < 18) return w.sore;
  return w.malam;
}

/** Title of a flow for messages ("laporan gangguan"). */
export function flowTitle(turn: Turn, flowId: string): string {
  return turn.deps.flows.byId.get(flowId)?.judul ?? turn.deps.flows.umum.judul ?? 'proses';
}
