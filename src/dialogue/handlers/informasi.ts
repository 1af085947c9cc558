/**
 * Questions. An FAQ answer is given only when it is about the service the message is about (the
 * NLU binds its candidates to that service) and the match is clear: a high score and a clear lead
 * over the next candidate. Otherwise the bot does not assert anything: it says it is not sure, shows
 * the closest answer as such and asks whether one of the other candidate questions was meant
 * (options) or an officer should answer; with no candidate it says it has no sure answer, shows
 * what the catalog says about the service, and offers an officer or a question ticket.
 * After an answer: "was this helpful?"; "Tidak" offers an officer or a question ticket; any other
 * message is answered afresh, so the user is never trapped in the yes/no.
 */
import { renderAnswer, serviceFacts } from '../../knowledge/answer-facts';
import type { FaqEntry, Service } from '../../knowledge/types';
import { containsPhrase, fill, pickOption, type Choice } from '../text';
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

/** Option values of "which question did you mean?" are the entry id behind this prefix. */
const FAQ_OPTION = 'faq:';

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

/** The text of an FAQ entry as the user reads it (placeholders filled, direct answer first). */
export function faqAnswerText(turn: Turn, entry: FaqEntry, question: string, service: Service | null): string {
  const { deps } = turn;
  return renderAnswer(entry, {
    knowledge: deps.knowledge,
    calendar: deps.calendar,
    sla: deps.sla,
    now: turn.now,
    kindTitles: deps.flows.salam.judul_jenis_layanan,
    service,
    question,
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

function entryOf(turn: Turn, id: string): FaqEntry | null {
  return turn.deps.knowledge.faq.find((e) => e.id === id) ?? null;
}

/** The FAQ candidates the understanding found (bound to its service) that are worth showing. */
function faqCandidates(turn: Turn): { entry: FaqEntry; score: number }[] {
  const u = turn.input.understanding;
  const min = turn.deps.flows.informasi.skor_faq_minimal;
  const list = u.faqCandidates ?? (u.faq ? [u.faq] : []);
  const out: { entry: FaqEntry; score: number }[] = [];
  for (const c of list) {
    const entry = entryOf(turn, c.id);
    if (entry && c.score >= min && !out.some((o) => o.entry.id === entry.id)) out.push({ entry, score: c.score });
  }
  return out;
}

/** The FAQ entry the understanding points at, when it is a candidate worth answering or offering. */
export function fittingFaq(turn: Turn): FaqEntry | null {
  return faqCandidates(turn)[0]?.entry ?? null;
}

/** Whether the understanding is confident enough (type and service) for an answer to be asserted. */
export function isConfident(turn: Turn): boolean {
  return turn.input.understanding.confidence >= turn.deps.flows.umum.ambang_keyakinan;
}

/** The service an FAQ candidate is about: its own, or the message's for an every-service answer. */
function aboutService(turn: Turn, entry: FaqEntry): string | null {
  return entry.forEveryService ? turn.input.understanding.service : entry.service;
}

/**
 * The candidates the best one must lead. When the message names its service (an application,
 * alias, keyword or agency) and the best candidate is that service's own entry, only the
 * service's other own entries: an entry about no service or an every-service template is not
 * what the message asks about more than the named service's own answer (it is still offered as
 * another choice when the bot is not sure). Otherwise every candidate.
 */
function rivalsOf(turn: Turn, best: FaqEntry, others: { entry: FaqEntry; score: number }[]): { entry: FaqEntry; score: number }[] {
  const u = turn.input.understanding;
  if (!u.serviceNamed || u.service === null || best.service !== u.service) return others;
  return others.filter((c) => c.entry.service === u.service);
}

/**
 * Whether the best candidate's match is clear: a high score and a clear lead over the next one
 * (among its rivals, see rivalsOf). A very high score (skor_faq_pasti) needs no lead when the
 * runner-up is about the same service (the answer is about the right application either way);
 * nearly tied candidates about different services, or general entries on different topics, are
 * asked about instead.
 */
function clearMatch(turn: Turn, candidates: { entry: FaqEntry; score: number }[]): boolean {
  const { skor_faq_yakin, selisih_faq_yakin, skor_faq_pasti } = turn.deps.flows.informasi;
  const [best, ...others] = candidates;
  if (best === undefined) return false;
  if (best.score < skor_faq_yakin) return false;
  const second = rivalsOf(turn, best.entry, others)[0];
  if (second === undefined || best.score - second.score >= selisih_faq_yakin) return true;
  const service = aboutService(turn, best.entry);
  return best.score >= skor_faq_pasti && service !== null && aboutService(turn, second.entry) === service;
}

/**
 * Whether the best candidate is sure enough to be given as the answer: a clear match, for a
 * message understood with confidence. Below the confidence threshold nothing is asserted.
 */
function isSure(turn: Turn, candidates: { entry: FaqEntry; score: number }[]): boolean {
  return isConfident(turn) && clearMatch(turn, candidates);
}

/**
 * The answer to a question a report asks ("pelayanan di kecamatan lambat, ngadu ke mana ya?"):
 * the text of the sure FAQ answer of the report's own service when the message asks (a question
 * mark or a word of kata_tanya_langsung), else null. The report goes on after it. Answers for every
 * service ("cara melapor gangguan {app}") are not given: the report itself is that answer.
 */
export function answerInsideReport(turn: Turn): string | null {
  return askedAnswer(turn, isSure);
}

/**
 * The answer to a question a message asks while the bot is not sure whether it is a question or a
 * report ("mau daftar pbb tapi tidak punya email, bisa?"): the clear FAQ answer of the message's
 * own service, given before the bot asks which the user wants. Null when it does not ask or no
 * answer of its service is clear.
 */
export function answerBeforeChoice(turn: Turn): string | null {
  return turn.input.understanding.service === null ? null : askedAnswer(turn, clearMatch);
}

/** The answer text when the message asks something and `good` accepts the best candidate. */
function askedAnswer(turn: Turn, good: (turn: Turn, candidates: { entry: FaqEntry; score: number }[]) => boolean): string | null {
  const u = turn.input.understanding;
  const words = turn.deps.flows.informasi.kata_tanya_langsung;
  const asks = turn.text.includes('?') || u.normalized.split(' ').some((w) => words.includes(w));
  if (!asks) return null;
  const candidates = faqCandidates(turn);
  if (!good(turn, candidates) || candidates[0]!.entry.forEveryService) return null;
  return faqAnswerText(turn, candidates[0]!.entry, turn.text, serviceOf(turn, u.service));
}

/**
 * Whether the informasi handler should take a question the NLU found FAQ candidates for. When
 * confident, always (it answers or says it is not sure). Below the confidence threshold only when
 * it has something that is about the message: its (named or clearly evidenced) service, or a clear
 * match among the general entries, shown as the closest answer, never asserted. Otherwise the bot
 * says it is not sure and offers a ticket or a human (the unsure path).
 */
export function takesQuestion(turn: Turn): boolean {
  if (turn.input.understanding.type !== 'informasi') return false;
  const candidates = faqCandidates(turn);
  if (candidates.length === 0) return false;
  return isConfident(turn) || turn.input.understanding.service !== null || clearMatch(turn, candidates);
}

function faqChoices(turn: Turn, entries: readonly FaqEntry[]): Choice[] {
  const offers = choices(turn.deps.flows.informasi.pilihan_tidak_membantu);
  return [...entries.map((e) => ({ label: e.title ?? e.questions[0]!, value: `${FAQ_OPTION}${e.id}` })), ...offers];
}

/** What the user is told about the service when the bot is not sure of the exact answer. */
function serviceIntro(turn: Turn, service: Service, question: string): Record<string, string> {
  const facts = serviceFacts(turn.deps.knowledge, service, question);
  return { nama: facts.nama!, pengelola_singkat: facts.pengelola_singkat!, alamat: facts.alamat! };
}

/**
 * Not sure: say so, show the closest answer as such, and offer the other candidates (buttons) and
 * an officer or a question ticket.
 */
function closestAnswer(turn: Turn, question: string, service: Service | null, candidates: FaqEntry[]): Promise<Outcome> {
  const { informasi } = turn.deps.flows;
  const [best, ...others] = candidates;
  const text = joinText(informasi.pesan.jawaban_terdekat, faqAnswerText(turn, best!, question, service), informasi.pesan.pilih_lainnya);
  const about = best!.service ?? service?.id ?? null;
  return withIncidentNotice(turn, about, {
    flow: state(informasi.id, 'maksud', turn.now, { question, service: about, faqIds: others.map((e) => e.id) }),
    replies: [reply(text, faqChoices(turn, others))],
    service: about ?? undefined,
  });
}

/** No sure answer about a known service: say so, show what the catalog says, offer a human or a ticket. */
function notSureAboutService(turn: Turn, question: string, service: Service): Promise<Outcome> {
  const { informasi } = turn.deps.flows;
  const text = joinText(
    fill(informasi.pesan.belum_pasti_layanan, serviceIntro(turn, service, question)),
    catalogAnswer(turn, service),
    informasi.pesan.tawaran_belum_pasti,
  );
  return withIncidentNotice(turn, service.id, noAnswer(turn, question, service.id, text));
}

export async function answerQuestion(turn: Turn, serviceOverride?: string | null): Promise<Outcome> {
  const { informasi } = turn.deps.flows;
  const u = turn.input.understanding;
  const question = turn.text;
  if (serviceOverride !== undefined) {
    // The user chose the service (a clarification): its catalog entry, which is about it for sure.
    const chosen = serviceOf(turn, serviceOverride);
    return chosen ? answered(turn, catalogAnswer(turn, chosen), question, chosen.id) : noAnswer(turn, question, null, informasi.pesan.tanpa_jawaban);
  }
  const service = serviceOf(turn, u.service);
  const candidates = faqCandidates(turn);
  const sure = isSure(turn, candidates);
  // Two services in doubt, yet one entry answers the question clearly ("alamat web e-perencanaan",
  // an app two services share): answer it; otherwise ask which service is meant.
  if (u.ambiguity?.kind === 'service' && !sure) {
    const services = u.ambiguity.candidates.filter((c) => turn.deps.knowledge.services.has(c));
    if (services.length >= 2) {
      return {
        flow: state(informasi.id, 'layanan', turn.now, { question, candidates: services }),
        replies: [reply(informasi.pesan.tanya_layanan, services.map((c) => serviceChoice(serviceOf(turn, c)!)))],
      };
    }
  }
  if (sure) {
    const best = candidates[0]!.entry;
    return answered(turn, faqAnswerText(turn, best, question, service), question, best.service ?? service?.id ?? null);
  }
  if (candidates.length > 0) return closestAnswer(turn, question, service, candidates.map((c) => c.entry));
  if (service) return notSureAboutService(turn, question, service);
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

export async function continueInformasi(
  turn: Turn,
  s: { step: string; data: { question?: string; service?: string | null; candidates?: string[]; faqIds?: string[] } },
): Promise<Continuation> {
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
    case 'maksud': {
      const entries = (s.data.faqIds ?? []).map((id) => entryOf(turn, id)).filter((e) => e !== null);
      const picked = pickOption(turn.text, faqChoices(turn, entries));
      if (!picked) return null;
      if (picked.value.startsWith(FAQ_OPTION)) {
        const entry = entryOf(turn, picked.value.slice(FAQ_OPTION.length))!;
        return answered(turn, faqAnswerText(turn, entry, question, serviceOf(turn, service)), question, entry.service ?? service);
      }
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
