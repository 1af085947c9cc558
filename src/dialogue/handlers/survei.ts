/** Satisfaction survey after a ticket is finished: a 1-5 rating, an optional comment, then thanks. */
import type { Reply } from '../../domain/messages';
import type { Flows } from '../load-flows';
import { fill, isOneOf, pickOption, type Choice } from '../text';
import { pick, reply, state, type Continuation, type FlowState, type Turn } from '../context';

function ratingChoices(flows: Flows): Choice[] {
  return flows.survei.label_nilai.map((label, i) => ({ label, value: String(i + 1) }));
}

/** The first survey message and the state that waits for the rating. */
export function surveyStart(flows: Flows, ticketNumber: string, now: number): { flow: FlowState; reply: Reply } {
  return {
    flow: state(flows.survei.id, 'nilai', now, { ticketNumber }),
    reply: reply(fill(flows.survei.pesan.tanya_nilai, { nomor: ticketNumber }), ratingChoices(flows)),
  };
}

function parseRating(flows: Flows, text: string): number | null {
  const picked = pickOption(text, ratingChoices(flows), flows.umum.kata_pengisi);
  if (picked) return Number(picked.value);
  const m = /^\s*([1-5])\s*(?:\/\s*5|dari\s*5|bintang)?\s*$/i.exec(text);
  if (m) return Number(m[1]);
  const stars = [...text.trim()].filter((c) => c === '⭐' || c === '★').length;
  return stars >= 1 && stars <= 5 && text.replace(/[⭐★\s\uFE0F]/g, '') === '' ? stars : null;
}

export async function continueSurvei(turn: Turn, s: FlowState): Promise<Continuation> {
  const { survei, umum } = turn.deps.flows;
  const number = s.data.ticketNumber ?? '';
  if (s.step === 'nilai') {
    const rating = parseRating(turn.deps.flows, turn.text);
    if (rating === null) {
      return { flow: { ...s, updatedAt: turn.now }, replies: [reply(survei.pesan.nilai_salah, ratingChoices(turn.deps.flows))], retry: true };
    }
    return {
      flow: { ...s, step: 'komentar', updatedAt: turn.now, data: { ...s.data, rating } },
      replies: [reply(fill(survei.pesan.tanya_komentar, { nilai: String(rating), nomor: number }), [{ label: survei.label_lewati, value: 'lewati' }])],
    };
  }
  if (s.step === 'komentar') {
    const rating = s.data.rating ?? 0;
    const skip = turn.text.trim() === '' || pick(turn, turn.text, [{ label: survei.label_lewati, value: 'lewati' }]) !== null || isOneOf(turn.text, umum.jawaban.lewati);
    await turn.ports.rateTicket(number, rating, skip ? undefined : turn.text.trim());
    return { flow: null, replies: [reply(fill(survei.pesan.terima_kasih, { nomor: number, nilai: String(rating) }))], ticketNumber: number };
  }
  return null;
}
