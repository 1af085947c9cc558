/**
 * The dialogue engine: Dialogue.respond on top of the flow files. Pure with respect to I/O (it
 * only calls the ports), deterministic for the same input (time comes from input.now), and its
 * state is plain JSON stored in conversation.flow.
 *
 * One turn: expire an abandoned flow -> global commands (batal, menu) -> continue the active
 * flow -> otherwise handle the message fresh from the NLU's understanding.
 */
import type { MessageType, ReportType, ServiceId } from '../domain/ids';
import { REPORT_TYPES } from '../domain/ids';
import type { Reply } from '../domain/messages';
import type { Knowledge } from '../knowledge/types';
import { BusinessCalendar, loadCalendarConfig } from '../tickets/business-calendar';
import { loadSlaConfig, type SlaConfig } from '../tickets/sla';
import { DEFAULT_FLOWS_DIR } from '../tickets/data-files';
import {
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
import type { DialogueInput, DialogueOutput, DialoguePorts, FlowDialogue, SurveyStart } from './port';
import { createCatalogServiceResolver, type ResolveService } from './service-matcher';
import { fill, isOneOf } from './text';
import { startAgen } from './handlers/agen';
import { answerQuestion, continueInformasi, fittingFaq } from './handlers/informasi';
import { continueLacak, startLacak } from './handlers/lacak';
import { continueReport, startReport } from './handlers/report';
import { continueClarify, greet, outOfScope, serviceList, showMenu, continueMenu, unsure } from './handlers/salam';
import { continueSurvei, surveyStart } from './handlers/survei';

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
    return { flow: flow as unknown as Record<string, unknown>, reply: r };
  }

  async respond(input: DialogueInput, ports: DialoguePorts): Promise<DialogueOutput> {
    const turn: Turn = {
      deps: this.deps,
      input,
      ports,
      now: input.now,
      text: input.text ?? '',
      startAction: (aksi, seed) => this.startAction(turn, aksi, seed),
    };
    const out = await this.turn(turn);
    return {
      flow: out.flow ? ({ ...out.flow, updatedAt: input.now } as unknown as Record<string, unknown>) : null,
      replies: out.replies,
      handoff: out.handoff ?? false,
      ...(out.service !== undefined ? { service: out.service } : {}),
      ...(out.ticketNumber !== undefined ? { ticketNumber: out.ticketNumber } : {}),
      ...(out.identity ? { identity: out.identity } : {}),
      ...(out.fallback ? { fallback: out.fallback } : {}),
    };
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

  private timeoutOf(flowId: string): number {
    return this.deps.flows.byId.get(flowId)?.batas_waktu_menit ?? this.deps.timeoutMinutes;
  }

  private async turn(turn: Turn): Promise<Outcome> {
    const { umum } = this.deps.flows;
    let current = parseState(turn.input.conversation.flow);
    const prefix: Reply[] = [];
    if (current && !this.deps.flows.byId.has(current.flow)) current = null; // flow removed from flows/
    if (current && turn.now - current.updatedAt > this.timeoutOf(current.flow) * 60_000) {
      if (current.flow !== this.deps.flows.salam.id) prefix.push(reply(fill(umum.pesan.kedaluwarsa, { proses: flowTitle(turn, current.flow) })));
      current = null;
    }

    if (isOneOf(turn.text, umum.perintah.batal)) {
      const text = current && current.flow !== this.deps.flows.salam.id ? fill(umum.pesan.dibatalkan, { proses: flowTitle(turn, current.flow) }) : umum.pesan.tidak_ada_proses;
      return menuOutcome(turn, text, prefix);
    }
    if (isOneOf(turn.text, umum.perintah.menu)) return menuOutcome(turn, this.deps.flows.salam.pesan.menu, prefix);

    const u = turn.input.understanding;
    if (current && u.type === 'minta_agen' && u.confidence >= umum.ambang_keluar_alur && current.flow !== this.deps.flows.agen.id) {
      return withPrefix(prefix, await startAgen(turn));
    }
    if (current) {
      const cont = await this.continueFlow(turn, current);
      if (cont === 'cancel') return menuOutcome(turn, fill(umum.pesan.dibatalkan, { proses: flowTitle(turn, current.flow) }), prefix);
      if (cont) return withPrefix(prefix, cont);
    }
    return withPrefix(prefix, await this.fresh(turn));
  }

  private async continueFlow(turn: Turn, s: FlowState): Promise<Continuation> {
    const flows = this.deps.flows;
    const flow = flows.byId.get(s.flow)!;
    switch (flow.jenis) {
      case 'salam':
        return continueMenu(turn);
      case 'umum':
        return continueClarify(turn, s, (type, service, question) => this.route(turn, type, service, question));
      case 'informasi':
        return continueInformasi(turn, s);
      case 'laporan':
        return continueReport(turn, flow, s);
      case 'lacak':
        return continueLacak(turn, s);
      case 'agen':
        return null;
      case 'survei':
        return continueSurvei(turn, s);
    }
  }

  /** A message outside any flow, routed by what the NLU understood. */
  private async fresh(turn: Turn): Promise<Outcome> {
    const u = turn.input.understanding;
    const threshold = this.deps.flows.umum.ambang_keyakinan;
    if (u.type === 'lacak_tiket' || (u.ticketNumber && u.confidence < threshold)) return startLacak(turn);
    if (u.type === 'sapaan') return greet(turn);
    if (u.type === 'informasi' && fittingFaq(turn)) return answerQuestion(turn);
    if (u.ambiguity?.kind === 'type' || u.confidence < threshold) {
      return { ...unsure(turn), fallback: u.ambiguity?.kind === 'type' ? 'ambiguous' : 'low_confidence' };
    }
    const service = u.ambiguity?.kind === 'service' ? null : u.service;
    const out = await this.route(turn, u.type, service, turn.text, u.ambiguity?.kind === 'service' ? u.ambiguity.candidates : undefined);
    return out;
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

function withPrefix(prefix: Reply[], out: Outcome): Outcome {
  return prefix.length ? { ...out, replies: [...prefix, ...out.replies] } : out;
}

export const REPORT_MESSAGE_TYPES: readonly ReportType[] = REPORT_TYPES;
