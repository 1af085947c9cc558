/** Greeting and main menu, polite closings, the service list, out-of-scope refusals, and honest "not sure" replies. */
import type { MessageType } from '../../domain/ids';
import { serviceListText } from '../../knowledge/answer-facts';
import { containsPhrase, pickOption, type Choice } from '../text';
import {
  choices,
  menuOutcome,
  reply,
  serviceChoice,
  serviceOf,
  state,
  timeOfDayGreeting,
  type Continuation,
  type Outcome,
  type Turn,
  joinText,
} from '../context';
import { fill } from '../text';
import { answerBeforeChoice, answerQuestion } from './informasi';

export function greet(turn: Turn): Outcome {
  const { salam } = turn.deps.flows;
  if (containsPhrase(turn.text, salam.kata_terima_kasih)) return { flow: null, replies: [reply(salam.pesan.terima_kasih)] };
  if (containsPhrase(turn.text, salam.kata_pamit)) return { flow: null, replies: [reply(salam.pesan.pamit)] };
  const template = turn.input.isFirstMessage ? salam.pesan.sapaan_pertama : salam.pesan.sapaan;
  return menuOutcome(turn, fill(template, { salam_waktu: timeOfDayGreeting(turn) }));
}

export function showMenu(turn: Turn): Outcome {
  return menuOutcome(turn, turn.deps.flows.salam.pesan.menu);
}

export function outOfScope(turn: Turn): Outcome {
  return menuOutcome(turn, turn.deps.flows.salam.pesan.di_luar_layanan);
}

/** Every service by category (the menu's "Tanya informasi layanan"). */
export function serviceList(turn: Turn): Outcome {
  const { salam } = turn.deps.flows;
  const list = serviceListText(turn.deps.knowledge, salam.judul_jenis_layanan);
  return { flow: null, replies: [reply([salam.pesan.daftar_layanan_judul, list, salam.pesan.daftar_layanan_penutup].join('\n\n'))] };
}

export function continueMenu(turn: Turn): Promise<Outcome> | null {
  const options = turn.deps.flows.salam.pilihan_menu;
  const picked = pickOption(turn.text, choices(options));
  if (!picked) return null;
  return turn.startAction(options.find((o) => o.nilai === picked.value)!.aksi);
}

const CLARIFY_TYPES: readonly MessageType[] = ['informasi', 'gangguan', 'permintaan', 'keluhan', 'perubahan', 'lacak_tiket', 'minta_agen'];

function typeChoices(turn: Turn, types: readonly string[]): Choice[] {
  const labels = turn.deps.flows.umum.label_jenis;
  return types.map((t) => ({ label: labels[t as MessageType], value: t }));
}

/**
 * Low confidence: ask instead of guessing. With a type ambiguity the candidates become options;
 * with a service ambiguity the candidate services; otherwise offer a ticket, an officer or the menu.
 */
export async function unsure(turn: Turn): Promise<Outcome> {
  const u = turn.input.understanding;
  const { umum } = turn.deps.flows;
  const question = turn.text;
  // A question about a known service: the informasi handler never asserts an unsure answer; it
  // shows the closest one as such, or what it knows of the service, and offers the other
  // candidates and a human. A question about no service it has no clear match for (a service
  // only weakly evidenced is no service) gets the offers below.
  if (u.type === 'informasi' && u.ambiguity?.kind !== 'type' && u.service !== null) return answerQuestion(turn);
  if (u.ambiguity?.kind === 'type') {
    const types = u.ambiguity.candidates.filter((t) => (CLARIFY_TYPES as readonly string[]).includes(t));
    if (types.length >= 2) {
      // Two close types: not sure. All kinds of report: "lapor" alone, a report of unknown kind.
      // A question among them with a clear answer: the answer first, then the choice.
      const answer = types.includes('informasi') ? answerBeforeChoice(turn) : null;
      const text = answer ? joinText(answer, umum.pesan.jawaban_lalu_pilihan) : types.length > 2 ? umum.pesan.pilih_jenis_laporan : umum.pesan.belum_yakin_jenis;
      return {
        flow: state(umum.id, 'jenis', turn.now, { types, question, service: u.service }),
        replies: [reply(text, typeChoices(turn, types))],
      };
    }
  }
  if (u.ambiguity?.kind === 'service') {
    const candidates = u.ambiguity.candidates.filter((c) => turn.deps.knowledge.services.has(c));
    if (candidates.length >= 2) {
      return {
        flow: state(umum.id, 'layanan', turn.now, { candidates, question, types: [u.type] }),
        replies: [reply(umum.pesan.belum_yakin_layanan, candidates.map((c) => serviceChoice(serviceOf(turn, c)!)))],
      };
    }
  }
  return {
    flow: state(umum.id, 'tawaran', turn.now, { question, service: u.service }),
    replies: [reply(umum.pesan.belum_yakin, choices(umum.pilihan_belum_yakin))],
  };
}

/** Continues a clarification; `resume(type, service)` routes as if the NLU had been sure. */
export async function continueClarify(
  turn: Turn,
  s: { step: string; data: { types?: string[]; candidates?: string[]; question?: string; service?: string | null } },
  resume: (type: MessageType, service: string | null, question: string) => Promise<Outcome>,
): Promise<Continuation> {
  const { umum } = turn.deps.flows;
  const question = s.data.question ?? '';
  if (s.step === 'jenis') {
    const picked = pickOption(turn.text, typeChoices(turn, s.data.types ?? []));
    return picked ? resume(picked.value as MessageType, s.data.service ?? null, question) : null;
  }
  if (s.step === 'layanan') {
    const picked = pickOption(turn.text, (s.data.candidates ?? []).map((c) => serviceChoice(serviceOf(turn, c)!)));
    return picked ? resume((s.data.types?.[0] as MessageType) ?? 'informasi', picked.value, question) : null;
  }
  const options = umum.pilihan_belum_yakin;
  const picked = pickOption(turn.text, choices(options));
  if (!picked) return null;
  return turn.startAction(options.find((o) => o.nilai === picked.value)!.aksi, { description: question, service: s.data.service ?? null });
}
