/**
 * The dialogue engine: Dialogue.respond on top of the flow files. Pure with respect to I/O (it
 * only calls the ports), deterministic for the same input (time comes from input.now), and its
 * state is plain JSON stored in conversation.flow.
 *
 * One turn: expire an abandoned flow -> files that did not arrive -> a stale button -> global
 * commands (batal, menu, bantuan) -> an explicit request for a human -> the answer to a ticket
 * waiting on the reporter -> continue the active flow (a new request may leave it) -> otherwise
 * handle the message fresh from the NLU's understanding. Stored files that nothing took are
 * acknowledged and the user is asked what they are for.
 */
import type { MessageType, ReportType, ServiceId } from '../domain/ids';
import { REPORT_TYPES } from '../domain/ids';
import type { MediaRef, Reply } from '../domain/messages';
import type { Understanding } from '../domain/understanding';
import type { Knowledge } from '../knowledge/types';
import { BusinessCalendar, loadCalendarConfig } from '../tickets/business-calendar';
import { loadSlaConfig, type SlaConfig } from '../tickets/sla';
import { DEFAULT_FLOWS_DIR } from '../tickets/data-files';
import {
  contextKey,
  flowTitle,
  menuOutcome,
  parseState,
  reply,
  type Continuation,
  type EngineDeps,
  type FlowState,
  type Outcome,
  type Seed,
  type Turn,
} from './context';
import { checkFlowsAgainstKnowledge, loadFlows, type Flows } from './load-flows';
import type { DialogueInput, DialogueOutput, DialoguePorts, FlowDialogue, HumanTurnInput, SurveyStart } from './port';
import { createCatalogServiceResolver, type ResolveService } from './service-matcher';
import { contentWords, fill, isOneOf } from './text';
import { asksForHuman, leaveQueue, leavesQueue, startAgen, stillWaiting } from './handlers/agen';
import { continueFiles, failedNotice, offerFiles, splitMedia } from './handlers/berkas';
import { answerInsideReport, answerQuestion, continueInformasi, fittingFaq, takesQuestion } from './handlers/informasi';
import { continueLacak, startLacak } from './handlers/lacak';
import { continueReport, startReport } from './handlers/report';
import { continueClarify, greet, outOfScope, serviceList, showMenu, continueMenu, unsure } from './handlers/salam';
import { continueSurvei, surveyStart } from './handlers/survei';
import { answerTicket, askedAt, continueTanggapan, onWaitingTicket } from './handlers/tanggapan';

export interface DialogueOptions {
  /** Folder of the flow files (default: flows/ of the repository). */
  flowsDir?: string;
  /** Already loaded flows (skips reading flowsDir). */
  flows?: Flows;
  /** Minutes after which an abandoned flow expires (default: umum.yaml batas_waktu_menit). */
  flowTimeoutMinutes?: number;
  /** Maps a typed app/service name to a service id (the NLU's resolver); default: a catalog matcher. */
  resolveService?: ResolveService;
  sla?: SlaConfig;
  calendar?: BusinessCalendar;
}

const REPORT_FLOW_CATEGORY: Record<ReportType, ReportType> = { gangguan: 'gangguan', keluhan: 'keluhan', permintaan: 'permintaan', perubahan: 'perubahan' };

export class DialogueEngine implements FlowDialogue {
  readonly deps: EngineDeps;

  constructor(knowledge: Knowledge, options: DialogueOptions = {}) {
    const flowsDir = options.flowsDir ?? DEFAULT_FLOWS_DIR;
    const flows = options.flows ?? loadFlows(flowsDir);
    checkFlowsAgainstKnowledge(flows, knowledge);
    this.deps = {
      knowledge,
      flows,
      sla: options.sla ?? loadSlaConfig(flowsDir),
      calendar: options.calendar ?? new BusinessCalendar(loadCalendarConfig(flowsDir)),
      resolveService: options.resolveService ?? createCatalogServiceResolver(knowledge),
      timeoutMinutes: options.flowTimeoutMinutes ?? flows.umum.batas_waktu_menit,
    };
  }

  startSurvey(ticketNumber: string, now: number): SurveyStart {
    const { flow, reply: r } = surveyStart(this.deps.flows, ticketNumber, now);
    const context = contextKey(flow, this.deps.flows.salam.id);
    return { flow: flow as unknown as Record<string, unknown>, reply: context ? { ...r, context } : r };
  }

  async respond(input: DialogueInput, ports: DialoguePorts): Promise<DialogueOutput> {
    const turn = this.makeTurn(input, ports);
    return this.output(turn, await this.turn(turn));
  }

  async whileHuman(input: HumanTurnInput, ports: DialoguePorts): Promise<DialogueOutput> {
    const turn = this.makeTurn({ ...input, understanding: NO_UNDERSTANDING, isFirstMessage: false }, ports);
    const conversation = input.conversation;
    const current = parseState(conversation.flow);
    const waitingForOfficer = conversation.owner === 'waiting';
    if (waitingForOfficer && leavesQueue(turn)) return this.output(turn, leaveQueue(turn));
    const { stored, failed } = splitMedia(input.media);
    turn.input = { ...turn.input, media: stored };
    const notice = failed.length ? [reply(failedNotice(turn, failed.length))] : [];
    const ticket = await ports.ticketAwaitingReply?.();
    if (ticket && (turn.text || stored.length)) {
      // An officer owns or is about to own the chat: everything is the answer; the one who asked
      // takes the chat only from the queue, never from another officer.
      return this.output(turn, withPrefix(notice, await answerTicket(turn, ticket, { text: turn.text, media: stored }, waitingForOfficer)));
    }
    const keep: Outcome = { flow: current, replies: notice };
    if (!waitingForOfficer) return this.output(turn, keep);
    if (isOneOf(turn.text, this.deps.flows.umum.perintah.bantuan)) return this.output(turn, { flow: current, replies: [this.help(turn)] });
    const told = current?.flow === this.deps.flows.agen.id ? (current.data.toldAt ?? null) : null;
    const status = await stillWaiting(turn, told);
    return this.output(turn, status ? withPrefix(notice, status) : keep);
  }

  expiresAt(raw: Record<string, unknown> | null): number | null {
    const state = parseState(raw);
    if (!state || state.flow === this.deps.flows.salam.id || !this.deps.flows.byId.has(state.flow)) return null;
    return state.updatedAt + this.timeoutOf(state.flow) * 60_000;
  }

  expiryNotice(raw: Record<string, unknown> | null, now: number): Reply | null {
    const at = this.expiresAt(raw);
    if (at === null || now <= at) return null;
    const flowId = parseState(raw)!.flow;
    const title = this.deps.flows.byId.get(flowId)?.judul ?? this.deps.flows.umum.judul ?? 'proses';
    return reply(fill(this.deps.flows.umum.pesan.kedaluwarsa_otomatis, { proses: title }));
  }

  private makeTurn(input: DialogueInput, ports: DialoguePorts): Turn {
    const turn: Turn = {
      deps: this.deps,
      input,
      ports,
      now: input.now,
      text: input.text ?? '',
      startAction: (aksi, seed) => this.startAction(turn, aksi, seed),
    };
    return turn;
  }

  /** The outcome as DialogueOutput; replies with options carry the key of the question they answer. */
  private output(turn: Turn, out: Outcome): DialogueOutput {
    const flow = out.flow ? { ...out.flow, updatedAt: turn.now } : null;
    const context = contextKey(flow, this.deps.flows.salam.id);
    return {
      flow: flow as unknown as Record<string, unknown> | null,
      replies: out.replies.map((r) => (r.options?.length && context ? { ...r, context } : r)),
      handoff: out.handoff ?? false,
      ...(out.service !== undefined ? { service: out.service } : {}),
      ...(out.ticketNumber !== undefined ? { ticketNumber: out.ticketNumber } : {}),
      ...(out.identity ? { identity: out.identity } : {}),
      ...(out.assign ? { assign: out.assign } : {}),
      ...(out.leftQueue ? { leftQueue: true } : {}),
      ...(out.fallback ? { fallback: out.fallback } : {}),
    };
  }

  private timeoutOf(flowId: string): number {
    return this.deps.flows.byId.get(flowId)?.batas_waktu_menit ?? this.deps.timeoutMinutes;
  }

  private help(turn: Turn): Reply {
    const { pesan } = this.deps.flows.umum;
    return reply(turn.input.channel === 'telegram' ? pesan.bantuan_telegram : pesan.bantuan);
  }

  private async turn(turn: Turn): Promise<Outcome> {
    const { umum, salam } = this.deps.flows;
    let current = parseState(turn.input.conversation.flow);
    const prefix: Reply[] = [];
    if (current && !this.deps.flows.byId.has(current.flow)) current = null; // flow removed from flows/
    if (current && turn.now - current.updatedAt > this.timeoutOf(current.flow) * 60_000) {
      if (current.flow !== salam.id) prefix.push(reply(fill(umum.pesan.kedaluwarsa, { proses: flowTitle(turn, current.flow) })));
      current = null;
    }

    // Files: only stored ones count; ones that did not arrive are said so, never acknowledged.
    const { stored, failed } = splitMedia(turn.input.media);
    turn.input = { ...turn.input, media: stored };
    if (failed.length) prefix.push(reply(failedNotice(turn, failed.length)));
    if (!turn.text.trim() && stored.length === 0) return { flow: current, replies: prefix.length ? prefix : [reply(umum.pesan.belum_yakin)] };

    // A button pressed after its question moved on: said so, never read as free text.
    const pressed = turn.input.buttonContext;
    if (pressed !== undefined && pressed !== contextKey(current, salam.id)) {
      if (current && current.flow !== salam.id) return { flow: current, replies: [...prefix, reply(umum.pesan.tombol_kedaluwarsa)] };
      return menuOutcome(turn, umum.pesan.tombol_kedaluwarsa_menu, prefix);
    }

    if (isOneOf(turn.text, umum.perintah.batal)) {
      const text = current && current.flow !== salam.id ? fill(umum.pesan.dibatalkan, { proses: flowTitle(turn, current.flow) }) : umum.pesan.tidak_ada_proses;
      return menuOutcome(turn, text, prefix);
    }
    if (isOneOf(turn.text, umum.perintah.menu)) return menuOutcome(turn, salam.pesan.menu, prefix);
    if (isOneOf(turn.text, umum.perintah.bantuan)) return { flow: current, replies: [...prefix, this.help(turn)] };

    const out = await this.decide(turn, current);
    const taken = stored.length && !out.tookMedia ? offerFiles(turn, stored, { before: out, earlier: this.waitingFiles(current) }) : out;
    return withPrefix(prefix, taken);
  }

  /** Files an earlier message left waiting for "what are they for?". */
  private waitingFiles(current: FlowState | null): MediaRef[] {
    return current?.flow === this.deps.flows.umum.id && current.step === 'berkas' ? (current.data.attachments ?? []) : [];
  }

  private async decide(turn: Turn, current: FlowState | null): Promise<Outcome> {
    const { umum, agen, tanggapan } = this.deps.flows;
    const u = turn.input.understanding;
    const explicit = asksForHuman(turn, turn.text) || (current !== null && u.type === 'minta_agen' && u.confidence >= umum.ambang_keluar_alur);
    if (explicit && current?.flow !== agen.id) return startAgen(turn);

    if (current?.flow === tanggapan.id) {
      const cont = await continueTanggapan(turn, current, (held) => this.fresh(this.heldTurn(turn, held)));
      if (cont && cont !== 'cancel') return cont;
    }
    const waiting = current?.flow === tanggapan.id ? null : ((await turn.ports.ticketAwaitingReply?.()) ?? null);
    // A light state (menu, an answer, a clarification) older than the officer's question: the
    // message most likely answers the question.
    if (waiting && (!current || (this.interruptible(current) && askedAt(waiting) >= current.updatedAt))) {
      const answered = await onWaitingTicket(turn, waiting);
      if (answered) return answered;
    }

    if (current && current.flow !== tanggapan.id) {
      const cont = await this.continueFlow(turn, current);
      if (cont === 'cancel') return menuOutcome(turn, fill(umum.pesan.dibatalkan, { proses: flowTitle(turn, current.flow) }));
      if (cont && cont.retry && this.isNewRequest(turn)) {
        const next = (waiting ? await onWaitingTicket(turn, waiting) : null) ?? (await this.fresh(turn));
        return withPrefix([reply(fill(umum.pesan.alur_ditinggalkan, { proses: flowTitle(turn, current.flow) }))], next);
      }
      if (cont) return cont;
    }
    return (waiting ? await onWaitingTicket(turn, waiting) : null) ?? this.fresh(turn);
  }

  /** States a user can leave by simply writing something else. */
  private interruptible(s: FlowState): boolean {
    const jenis = this.deps.flows.byId.get(s.flow)?.jenis;
    return jenis === 'salam' || jenis === 'informasi' || jenis === 'umum' || jenis === 'lacak';
  }

  /** A confident, substantial new request: enough to leave a flow whose question it does not answer. */
  private isNewRequest(turn: Turn): boolean {
    const u = turn.input.understanding;
    if (u.ambiguity || u.confidence < this.deps.flows.umum.ambang_keluar_alur) return false;
    if (contentWords(turn.text, this.deps.flows.umum.kata_pengantar).length < NEW_REQUEST_MIN_WORDS) return false;
    if ((REPORT_TYPES as readonly string[]).includes(u.type) || u.type === 'minta_agen') return true;
    if (u.type === 'lacak_tiket') return u.ticketNumber !== null;
    return u.type === 'informasi' && fittingFaq(turn) !== null;
  }

  /** The turn of a message held earlier (asked "is this the answer to the ticket?", the user said no). */
  private heldTurn(turn: Turn, held: { text: string; media: MediaRef[]; understanding: Understanding }): Turn {
    const input = { ...turn.input, text: held.text, media: held.media, understanding: held.understanding };
    const next: Turn = { ...turn, input, text: held.text, startAction: (aksi, seed) => this.startAction(next, aksi, seed) };
    return next;
  }

  private async continueFlow(turn: Turn, s: FlowState): Promise<Continuation> {
    const flows = this.deps.flows;
    const flow = flows.byId.get(s.flow)!;
    switch (flow.jenis) {
      case 'salam':
        return continueMenu(turn);
      case 'umum':
        if (s.step === 'berkas') return continueFiles(turn, s);
        return continueClarify(turn, s, (type, service, question) => this.route(turn, type, service, question));
      case 'informasi':
        return continueInformasi(turn, s);
      case 'laporan':
        return continueReport(turn, flow, s);
      case 'lacak':
        return continueLacak(turn, s);
      case 'agen':
      case 'tanggapan':
        return null;
      case 'survei':
        return continueSurvei(turn, s);
    }
  }

  /** A message outside any flow, routed by what the NLU understood. */
  private async fresh(turn: Turn): Promise<Outcome> {
    const u = turn.input.understanding;
    const threshold = this.deps.flows.umum.ambang_keyakinan;
    if (asksForHuman(turn, turn.text)) return startAgen(turn);
    if ((turn.input.media ?? []).length > 0) {
      // A file with a caption: a confident report or a request for an officer takes it; anything else asks what it is for.
      const reportLike = (REPORT_TYPES as readonly string[]).includes(u.type) || u.type === 'minta_agen';
      if (!reportLike || u.confidence < threshold || u.ambiguity) return { flow: null, replies: [] }; // turn() offers the files
    }
    if (u.type === 'lacak_tiket' || (u.ticketNumber && u.confidence < threshold)) return startLacak(turn);
    if (u.type === 'sapaan') return greet(turn);
    if (takesQuestion(turn)) return answerQuestion(turn);
    if (u.ambiguity?.kind === 'type' || u.confidence < threshold) {
      return { ...(await unsure(turn)), fallback: u.ambiguity?.kind === 'type' ? 'ambiguous' : 'low_confidence' };
    }
    const service = u.ambiguity?.kind === 'service' ? null : u.service;
    const out = await this.route(turn, u.type, service, turn.text, u.ambiguity?.kind === 'service' ? u.ambiguity.candidates : undefined);
    const answer = (REPORT_TYPES as readonly string[]).includes(u.type) && service !== null ? answerInsideReport(turn) : null;
    return answer ? withPrefix([reply(answer)], out) : out;
  }

  /** Acts on a message type (from the NLU or from the user's answer to a clarifying question). */
  private async route(turn: Turn, type: MessageType, service: ServiceId | null, text: string, candidates?: string[]): Promise<Outcome> {
    switch (type) {
      case 'sapaan':
        return greet(turn);
      case 'informasi':
        return answerQuestion(turn, turn.text === text ? undefined : service);
      case 'lacak_tiket':
        return startLacak(turn);
      case 'minta_agen':
        return startAgen(turn);
      case 'di_luar_layanan':
        return outOfScope(turn);
      default: {
        const flow = this.deps.flows.reportByCategory.get(REPORT_FLOW_CATEGORY[type as ReportType])!;
        return startReport(turn, flow, { service, candidates, messageText: text });
      }
    }
  }

  /** Menu options and offers: a flow id or a built-in action. */
  private async startAction(turn: Turn, aksi: string, seed: Seed = {}): Promise<Outcome> {
    const flows = this.deps.flows;
    if (aksi === 'menu') return showMenu(turn);
    if (aksi === 'daftar_layanan') return serviceList(turn);
    if (aksi === 'tanya_informasi') return { flow: null, replies: [reply(flows.salam.pesan.tanya_informasi)] };
    if (aksi === flows.lacak.id) return startLacak(turn, false);
    if (aksi === flows.agen.id) return startAgen(turn);
    const report = flows.reports.get(aksi);
    if (report) return startReport(turn, report, seed);
    return showMenu(turn);
  }
}

/** Words (besides the intro words of umum.yaml) a message needs before it may leave a flow. */
const NEW_REQUEST_MIN_WORDS = 2;

/** What whileHuman passes to handlers that need no understanding. */
const NO_UNDERSTANDING: Understanding = {
  normalized: '',
  type: 'informasi',
  types: [],
  service: null,
  services: [],
  agency: null,
  faq: null,
  ticketNumber: null,
  confidence: 0,
  ambiguity: null,
};

function withPrefix(prefix: Reply[], out: Outcome): Outcome {
  return prefix.length ? { ...out, replies: [...prefix, ...out.replies] } : out;
}

export const REPORT_MESSAGE_TYPES: readonly ReportType[] = REPORT_TYPES;
