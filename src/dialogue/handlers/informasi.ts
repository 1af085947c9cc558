/**
 * Questions: the FAQ answer (or the catalog entry of the service), then "was this helpful?".
 * "Tidak" offers an officer or a question ticket; any other message is answered afresh, so the
 * user is never trapped in the yes/no.
 */
import type { Service } from '../../knowledge/types';
import { containsPhrase, fill, pickOption } from '../text';
import {
  agencyName,
  choices,
  joinText,
  pick,
  reply,
  serviceChoice,
  serviceOf,
  state,
  yesNo,
  type Continuation,
  type Outcome,
  type Turn,
} from '../context';
import { withIncidentNotice } from './incident';

function helpfulChoices(turn: Turn) {
  const { ya, tidak } = turn.deps.flows.informasi.pilihan_membantu;
  return choices([ya, tidak]);
}

export function catalogAnswer(turn: Turn, service: Service): string {
  const apps = service.apps.map((a) => (a.url ? `${a.name} (${a.url})` : a.name)).join(', ');
  return fill(turn.deps.flows.informasi.pesan.jawaban_katalog, {
    layanan: service.name,
    deskripsi: service.description,
    aplikasi: apps || '-',
    instansi: service.owners.map((a) => agencyName(turn, a)).join(' dan '),
    cara_akses: service.access,
    ketersediaan: service.availability.value,
  });
}

/** The answer, after the notice of an open incident of the service (if any). */
function answered(turn: Turn, answer: string, question: string, service: string | null): Promise<Outcome> {
  const { informasi } = turn.deps.flows;
  return withIncidentNotice(turn, service, {
    flow: state(informasi.id, 'membantu', turn.now, { question, service }),
    replies: [reply(joinText(answer, informasi.pesan.tanya_membantu), helpfulChoices(turn))],
    service: service ?? undefined,
  });
}

function noAnswer(turn: Turn, question: string, service: string | null, text: string): Outcome {
  const { informasi } = turn.deps.flows;
  return {
    flow: state(informasi.id, 'tawaran', turn.now, { question, service }),
    replies: [reply(text, choices(informasi.pilihan_tidak_membantu))],
  };
}

/** The FAQ entry the understanding points at, when its score is good enough. */
export function fittingFaq(turn: Turn) {
  const faq = turn.input.understanding.faq;
  if (!faq || faq.score < turn.deps.flows.informasi.skor_faq_minimal) return null;
  return turn.deps.knowledge.faq.find((e) => e.id === faq.id) ?? null;
}

export async function answerQuestion(turn: Turn, serviceOverride?: string | null): Promise<Outcome> {
  const { informasi } = turn.deps.flows;
  const u = turn.input.understanding;
  const question = turn.text;
  const entry = serviceOverride === undefined ? fittingFaq(turn) : null;
  if (entry) return answered(turn, entry.answer, question, entry.service ?? u.service);
  const service = serviceOf(turn, serviceOverride === undefined ? (u.ambiguity?.kind === 'service' ? null : u.service) : serviceOverride);
  if (service) return answered(turn, catalogAnswer(turn, service), question, service.id);
  if (u.ambiguity?.kind === 'service') {
    const candidates = u.ambiguity.candidates.filter((c) => turn.deps.knowledge.services.has(c));
    if (candidates.length >= 2) {
      return {
        flow: state(informasi.id, 'layanan', turn.now, { question, candidates }),
        replies: [reply(informasi.pesan.tanya_layanan, candidates.map((c) => serviceChoice(serviceOf(turn, c)!)))],
      };
    }
  }
  return noAnswer(turn, question, null, informasi.pesan.tanpa_jawaban);
}

/**
 * After an answer, "ok sy mau ajukan skrg": the user goes on to apply (or report) for the same
 * service. The words come from flows/informasi.yaml `lanjut_ke`.
 */
function followUpAction(turn: Turn): string | null {
  const found = turn.deps.flows.informasi.lanjut_ke.find((l) => containsPhrase(turn.text, l.kata));
  return found?.aksi ?? null;
}

export async function continueInformasi(turn: Turn, s: { step: string; data: { question?: string; service?: string | null; candidates?: string[] } }): Promise<Continuation> {
  const { informasi } = turn.deps.flows;
  const question = s.data.question ?? '';
  const service = s.data.service ?? null;
  if (s.step === 'membantu' || s.step === 'tawaran') {
    const aksi = followUpAction(turn);
    if (aksi) return turn.startAction(aksi, { service, messageText: turn.text });
  }
  switch (s.step) {
    case 'membantu': {
      const picked = pick(turn, turn.text, helpfulChoices(turn))?.value ?? yesNo(turn, turn.text);
      if (picked === informasi.pilihan_membantu.ya.nilai || picked === 'ya') return { flow: null, replies: [reply(informasi.pesan.membantu)] };
      if (picked === informasi.pilihan_membantu.tidak.nilai || picked === 'tidak') return noAnswer(turn, question, service, informasi.pesan.tidak_membantu);
      return null;
    }
    case 'tawaran': {
      const picked = pickOption(turn.text, choices(informasi.pilihan_tidak_membantu));
      if (!picked) return null;
      const aksi = informasi.pilihan_tidak_membantu.find((o) => o.nilai === picked.value)!.aksi;
      return turn.startAction(aksi, { description: question, service });
    }
    case 'layanan': {
      const picked = pickOption(turn.text, (s.data.candidates ?? []).map((c) => serviceChoice(serviceOf(turn, c)!)));
      if (!picked) return null;
      const chosen = serviceOf(turn, picked.value)!;
      return answered(turn, catalogAnswer(turn, chosen), question, chosen.id);
    }
    default:
      return null;
  }
}
