/**
 * Files outside a report: a photo or document is never silently dropped. Stored files are
 * acknowledged and the user is asked what they are for; picking a report carries them into it.
 * Files that did not arrive (a failed download) are reported as such, never counted as received.
 */
import type { MediaRef } from '../../domain/messages';
import { fill } from '../text';
import { choices, pick, reply, state, type Continuation, type FlowState, type Outcome, type Turn } from '../context';

/** Files that reached the attachment store, and those that did not. */
export function splitMedia(media: readonly MediaRef[] | undefined): { stored: MediaRef[]; failed: MediaRef[] } {
  const all = media ?? [];
  return { stored: all.filter((m) => !!m.storageKey), failed: all.filter((m) => !m.storageKey) };
}

export function failedNotice(turn: Turn, count: number): string {
  return fill(turn.deps.flows.umum.pesan.berkas_gagal, { jumlah: count });
}

/**
 * Acknowledges stored files and asks what they are for (the files wait in the flow state, with
 * `earlier` ones still waiting there); `before` is an outcome whose replies come first.
 */
export function offerFiles(turn: Turn, files: MediaRef[], opts: { earlier?: MediaRef[]; before?: Outcome } = {}): Outcome {
  const { umum } = turn.deps.flows;
  const before = opts.before ?? null;
  const attachments = [...(opts.earlier ?? []), ...files];
  const caption = turn.text.trim();
  return {
    ...(before ?? {}),
    flow: state(umum.id, 'berkas', turn.now, { attachments, ...(caption ? { question: caption } : {}) }),
    replies: [...(before?.replies ?? []), reply(fill(umum.pesan.berkas_diterima, { jumlah: attachments.length }), choices(umum.pilihan_berkas))],
    tookMedia: true,
  };
}

export async function continueFiles(turn: Turn, s: FlowState): Promise<Continuation> {
  const options = turn.deps.flows.umum.pilihan_berkas;
  const picked = pick(turn, turn.text, choices(options));
  if (!picked) return null;
  const aksi = options.find((o) => o.nilai === picked.value)!.aksi;
  return turn.startAction(aksi, { attachments: s.data.attachments ?? [], ...(s.data.question ? { messageText: s.data.question } : {}) });
}
