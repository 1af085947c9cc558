/**
 * Report flows (gangguan, keluhan, permintaan, perubahan, and question tickets): confirm the
 * service, collect what the responsible agency needs, confirm, then open the ticket. Steps come
 * from the flow file in order; a step whose data is already known is skipped.
 */
import type { TicketCategory } from '../../domain/ids';
import type { MediaRef } from '../../domain/messages';
import type { Service } from '../../knowledge/types';
import { computeSla, formatWorkingDuration, slaTarget } from '../../tickets/sla';
import { defaultPriority } from '../../tickets/priority';
import { CATEGORY_LABELS } from '../../tickets/status';
import type { LaporanFlow, StepDef } from '../flow-schema';
import { serviceLabel } from '../service-matcher';
import { fill, normalize, saysOneOf, truncate, type Choice } from '../text';
import { parseContact, parseNip, whatsappNumber } from '../validators';
import {
  agencyName,
  agencyShortName,
  joinText,
  pick,
  reply,
  serviceChoice,
  serviceOf,
  state,
  type FlowData,
  type FlowState,
  type Continuation,
  type Outcome,
  type Seed,
  type Turn,
} from '../context';
import { reportAware } from './incident';

type Step<K extends StepDef['jenis']> = Extract<StepDef, { jenis: K }>;

const LAINNYA = 'lainnya';

function routing(turn: Turn, flow: LaporanFlow, data: FlowData): { agency: string; coAgencies: string[] } {
  const service = serviceOf(turn, data.service);
  if (!service) return { agency: flow.instansi_bawaan, coAgencies: [] };
  return { agency: service.owners[0] ?? flow.instansi_bawaan, coAgencies: service.owners.slice(1) };
}

function applies(turn: Turn, step: StepDef, data: FlowData): boolean {
  if (step.jenis !== 'nip') return true;
  const service = serviceOf(turn, data.service);
  return !!service && step.jika_jenis_layanan.includes(service.kind);
}

function nextStep(turn: Turn, flow: LaporanFlow, data: FlowData): StepDef {
  const done = new Set(data.done ?? []);
  for (const step of flow.langkah) {
    if (step.jenis === 'konfirmasi') return step;
    if (done.has(step.id) || !applies(turn, step, data)) continue;
    return step;
  }
  return flow.langkah[flow.langkah.length - 1]!;
}

function markDone(data: FlowData, stepId: string): FlowData {
  return { ...data, done: [...new Set([...(data.done ?? []), stepId])] };
}

function validDescription(step: Step<'deskripsi'>, text: string): boolean {
  const t = text.trim();
  return t.length >= step.min_panjang && normalize(t).split(' ').filter(Boolean).length >= step.min_kata;
}

/** Whether the message that started the flow already describes the problem. */
function carriesDescription(turn: Turn, flow: LaporanFlow, step: Step<'deskripsi'>, text: string): boolean {
  if (!validDescription(step, text)) return false;
  const ignored = new Set(turn.deps.flows.umum.kata_pengantar.map(normalize));
  for (const s of turn.deps.knowledge.services.values()) {
    for (const t of [s.id, ...s.apps.flatMap((a) => [a.name, ...a.aliases])]) for (const w of normalize(t).split(' ')) ignored.add(w);
  }
  const content = normalize(text)
    .split(' ')
    .filter((w) => w.length > 1 && !ignored.has(w));
  return content.length >= flow.deskripsi_dari_pesan_awal.kata_minimal;
}

function serviceVars(turn: Turn, flow: LaporanFlow, data: FlowData): Record<string, string> {
  const service = serviceOf(turn, data.service);
  const { agency } = routing(turn, flow, data);
  return {
    layanan: service ? (data.serviceLabel ?? serviceLabel(service)) : '',
    instansi: agencyName(turn, agency),
    instansi_singkat: agencyShortName(turn, agency),
  };
}

function withServiceName(label: string, name: string): string {
  return label === name ? name : `${label} (${name})`;
}

function summary(turn: Turn, flow: LaporanFlow, data: FlowData): string {
  const l = flow.label_ringkasan;
  const service = serviceOf(turn, data.service);
  const { agency, coAgencies } = routing(turn, flow, data);
  const lines = [
    `- ${l.layanan}: ${service ? withServiceName(data.serviceLabel ?? serviceLabel(service), service.name) : l.tidak_ada}`,
    `- ${l.instansi}: ${[agency, ...coAgencies].map((a) => agencyName(turn, a)).join(', ')}`,
    `- ${l.deskripsi}: ${data.description ?? l.tidak_ada}`,
    `- ${l.kontak}: ${data.contact ?? l.tidak_ada}`,
  ];
  if (data.nip) lines.push(`- ${l.nip}: ${data.nip}`);
  const files = data.attachments?.length ?? 0;
  if (flow.langkah.some((s) => s.jenis === 'lampiran') || files > 0) lines.push(`- ${l.lampiran}: ${files > 0 ? `${files} berkas` : l.tidak_ada}`);
  return lines.join('\n');
}

/** Options of a step, rebuilt from the state so that "2" picks the same thing it showed. */
function stepChoices(turn: Turn, flow: LaporanFlow, step: StepDef, data: FlowData): Choice[] {
  switch (step.jenis) {
    case 'layanan': {
      const ids = data.candidates?.length ? data.candidates : step.pilihan_singkat;
      const list = ids.map((id) => serviceOf(turn, id)).filter((s): s is Service => !!s).map(serviceChoice);
      if (step.label_lainnya) list.push({ label: step.label_lainnya, value: LAINNYA, synonyms: ['lainnya', 'tidak tahu', 'gak tahu', 'ga tau'] });
      return list;
    }
    case 'kontak': {
      const number = turn.input.channel === 'whatsapp' ? whatsappNumber(turn.input.conversation.identity.senderId) : null;
      return number ? [{ label: step.label_pakai_nomor, value: 'pakai_nomor', synonyms: ['pakai nomor ini', 'nomor ini', 'ini'] }] : [];
    }
    case 'nip':
      return [{ label: step.label_bukan_asn, value: 'bukan_asn', synonyms: ['bukan asn', 'bukan pns', 'non asn', 'honorer', 'masyarakat'] }];
    case 'lampiran':
      return [{ label: step.label_lewati, value: 'lewati', synonyms: turn.deps.flows.umum.jawaban.lewati }];
    case 'konfirmasi':
      if (data.editing) {
        return step.dapat_diubah
          .map((id) => flow.langkah.find((s) => s.id === id)!)
          .filter((s) => applies(turn, s, data))
          .map((s) => ({ label: s.label, value: s.id }));
      }
    {
      const { jawaban } = turn.deps.flows.umum;
      return [
        { label: step.pilihan.kirim, value: 'kirim', synonyms: [...jawaban.kirim, ...jawaban.ya] },
        { label: step.pilihan.ubah, value: 'ubah', synonyms: jawaban.ubah },
        { label: step.pilihan.batal, value: 'batal' },
      ];
    }
    default:
      return [];
  }
}

function question(turn: Turn, flow: LaporanFlow, step: StepDef, data: FlowData): string {
  switch (step.jenis) {
    case 'layanan':
      return data.candidates?.length ? step.tanya_pilihan : step.tanya;
    case 'deskripsi':
      return fill(step.tanya, serviceVars(turn, flow, data));
    case 'kontak': {
      const number = turn.input.channel === 'whatsapp' ? whatsappNumber(turn.input.conversation.identity.senderId) : null;
      return number ? fill(step.tanya_whatsapp, { nomor: number }) : step.tanya;
    }
    case 'konfirmasi':
      return data.editing ? step.tanya_ubah : fill(step.tanya, { ringkasan: summary(turn, flow, data) });
    default:
      return step.tanya;
  }
}

function retryText(turn: Turn, flow: LaporanFlow, step: StepDef, data: FlowData): string {
  if (step.jenis === 'deskripsi') return fill(step.ulang, { ...serviceVars(turn, flow, data), min_panjang: String(step.min_panjang) });
  return step.ulang;
}

function outcome(turn: Turn, flow: LaporanFlow, s: FlowState, lead: string | null, extra: Partial<Outcome> = {}): Outcome {
  const step = flow.langkah.find((x) => x.id === s.step)!;
  const text = joinText(lead, question(turn, flow, step, s.data));
  return { flow: { ...s, updatedAt: turn.now }, replies: [reply(text, stepChoices(turn, flow, step, s.data))], service: s.data.service ?? undefined, ...extra };
}

function advance(turn: Turn, flow: LaporanFlow, s: FlowState, data: FlowData, lead: string | null, extra: Partial<Outcome> = {}): Outcome {
  const next = nextStep(turn, flow, data);
  return outcome(turn, flow, { ...s, step: next.id, data: { ...data, editing: false } }, lead, extra);
}

function withService(turn: Turn, data: FlowData, serviceId: string | null, text?: string): FlowData {
  const service = serviceOf(turn, serviceId);
  return { ...data, service: service ? service.id : null, serviceLabel: service ? serviceLabel(service, text) : undefined, candidates: undefined };
}

/** Starts a report flow; the reply says what will happen and asks the first missing item. */
export async function startReport(turn: Turn, flow: LaporanFlow, seed: Seed = {}): Promise<Outcome> {
  const identity = turn.input.conversation.identity;
  const media = turn.input.media ?? [];
  let data: FlowData = { done: [], attachments: [...(seed.attachments ?? []), ...media] };
  const serviceStep = flow.langkah.find((s): s is Step<'layanan'> => s.jenis === 'layanan');
  const service = serviceOf(turn, seed.service);
  if (service) {
    data = { ...withService(turn, data, service.id, seed.messageText), serviceLabel: seed.serviceLabel ?? serviceLabel(service, seed.messageText) };
    if (serviceStep) data = markDone(data, serviceStep.id);
  } else if (seed.candidates?.length) {
    data.candidates = seed.candidates.filter((c) => turn.deps.knowledge.services.has(c));
  }
  const descStep = flow.langkah.find((s): s is Step<'deskripsi'> => s.jenis === 'deskripsi')!;
  if (seed.description && validDescription(descStep, seed.description)) {
    data = markDone({ ...data, description: seed.description.trim() }, descStep.id);
  } else if (seed.messageText && carriesDescription(turn, flow, descStep, seed.messageText)) {
    data = markDone({ ...data, description: seed.messageText.trim() }, descStep.id);
  }
  const contactStep = flow.langkah.find((s) => s.jenis === 'kontak')!;
  if (identity.contact) data = markDone({ ...data, contact: identity.contact }, contactStep.id);
  const nipStep = flow.langkah.find((s) => s.jenis === 'nip');
  if (nipStep && identity.nip) data = markDone({ ...data, nip: identity.nip }, nipStep.id);
  const lampiran = flow.langkah.find((s) => s.jenis === 'lampiran');
  if (lampiran && data.attachments!.length > 0) data = markDone(data, lampiran.id);

  const lead = service ? fill(flow.pesan.pembuka, serviceVars(turn, flow, data)) : flow.pesan.pembuka_tanpa_layanan;
  const s = state(flow.id, nextStep(turn, flow, data).id, turn.now, data);
  return reportAware(turn, flow, data, s.startedAt, outcome(turn, flow, s, lead, media.length ? { tookMedia: true } : {}));
}

export async function continueReport(turn: Turn, flow: LaporanFlow, s: FlowState): Promise<Continuation> {
  const step = flow.langkah.find((x) => x.id === s.step);
  if (!step) return null;
  const media: MediaRef[] = turn.input.media ?? [];
  const data: FlowData = media.length ? { ...s.data, attachments: [...(s.data.attachments ?? []), ...media] } : s.data;
  const text = turn.text;
  const picked = pick(turn, text, stepChoices(turn, flow, step, data));
  const took = media.length ? { tookMedia: true } : {};
  const retry = (): Outcome => outcome(turn, flow, { ...s, data }, retryText(turn, flow, step, data), { retry: true, ...took });
  const result = await continueStep(turn, flow, s, step, data, picked, retry);
  return result === 'cancel' || result === null ? result : { ...took, ...result };
}

async function continueStep(
  turn: Turn,
  flow: LaporanFlow,
  s: FlowState,
  step: StepDef,
  data: FlowData,
  picked: Choice | null,
  retry: () => Outcome,
): Promise<Continuation> {
  const media: MediaRef[] = turn.input.media ?? [];
  const text = turn.text;

  switch (step.jenis) {
    case 'layanan': {
      let id: string | null | undefined;
      if (picked) id = picked.value === LAINNYA ? null : picked.value;
      else id = turn.deps.resolveService(text) ?? (turn.input.understanding.ambiguity ? undefined : (turn.input.understanding.service ?? undefined));
      if (id === undefined || (id !== null && !turn.deps.knowledge.services.has(id))) return retry();
      data = markDone(withService(turn, data, id, text), step.id);
      // "SIMPEG, tidak bisa login dari pagi": the answer may carry the description too.
      const desc = flow.langkah.find((x): x is Step<'deskripsi'> => x.jenis === 'deskripsi')!;
      if (!picked && !data.done?.includes(desc.id) && carriesDescription(turn, flow, desc, text)) {
        data = markDone({ ...data, description: text.trim() }, desc.id);
      }
      const lead = id ? fill(flow.pesan.layanan_dipilih, serviceVars(turn, flow, data)) : null;
      return reportAware(turn, flow, data, s.startedAt, advance(turn, flow, s, data, lead));
    }
    case 'deskripsi': {
      if (!validDescription(step, text)) return retry();
      return advance(turn, flow, s, markDone({ ...data, description: text.trim() }, step.id), null);
    }
    case 'kontak': {
      const contact = picked?.value === 'pakai_nomor' ? whatsappNumber(turn.input.conversation.identity.senderId) : parseContact(text);
      if (!contact) return retry();
      return advance(turn, flow, s, markDone({ ...data, contact }, step.id), null, { identity: { contact } });
    }
    case 'nip': {
      if (picked?.value === 'bukan_asn') return advance(turn, flow, s, markDone({ ...data, nip: null }, step.id), null);
      const nip = parseNip(text);
      if (!nip) return retry();
      return advance(turn, flow, s, markDone({ ...data, nip }, step.id), null, { identity: { nip } });
    }
    case 'lampiran': {
      if (media.length > 0) {
        const lead = fill(flow.pesan.berkas_diterima, { jumlah: String(data.attachments?.length ?? media.length) });
        return advance(turn, flow, s, markDone(data, step.id), lead);
      }
      if (picked || saysOneOf(text, turn.deps.flows.umum.jawaban.lewati, turn.deps.flows.umum.kata_pengisi)) return advance(turn, flow, s, markDone(data, step.id), null);
      return retry();
    }
    case 'konfirmasi': {
      if (data.editing) {
        if (!picked) return retry();
        const target = flow.langkah.find((x) => x.id === picked.value)!;
        const cleared: FlowData = { ...data, editing: false, done: (data.done ?? []).filter((d) => d !== target.id) };
        if (target.jenis === 'layanan') cleared.candidates = undefined;
        return outcome(turn, flow, { ...s, step: target.id, data: cleared }, null);
      }
      if (!picked) return retry();
      if (picked.value === 'ubah') return outcome(turn, flow, { ...s, data: { ...data, editing: true } }, null);
      if (picked.value === 'batal') return 'cancel';
      return submit(turn, flow, { ...s, data });
    }
  }
}

async function submit(turn: Turn, flow: LaporanFlow, s: FlowState): Promise<Outcome> {
  const { deps, input, now } = turn;
  const data = s.data;
  const service = serviceOf(turn, data.service);
  const { agency, coAgencies } = routing(turn, flow, data);
  const category: TicketCategory = flow.kategori;
  const priority = defaultPriority(deps.sla, category, service?.kind ?? null);
  const identity = input.conversation.identity;
  const description = data.description ?? '';
  const label = service ? (data.serviceLabel ?? serviceLabel(service)) : null;
  const ticket = await turn.ports.createTicket({
    category,
    service: service?.id ?? null,
    agency,
    coAgencies,
    priority,
    summary: truncate(`${CATEGORY_LABELS[category]}${label ? ` ${label}` : ''}: ${description}`, 120),
    description,
    reporter: {
      conversationId: input.conversation.id,
      channel: input.channel,
      senderId: identity.senderId,
      ...(identity.name ? { name: identity.name } : {}),
      ...(data.contact ? { contact: data.contact } : {}),
      ...(data.nip ? { nip: data.nip } : {}),
    },
    attachments: data.attachments ?? [],
    idempotencyKey: `${input.conversation.id}:${flow.id}:${s.startedAt}`,
    createdAt: now,
    createdBy: 'bot',
  });
  const target = slaTarget(deps.sla, category, priority);
  const sla = ticket.sla ?? computeSla(deps.sla, deps.calendar, category, priority, now);
  const co = coAgencies.map((a) => agencyName(turn, a));
  const text = fill(flow.pesan.selesai, {
    nomor: ticket.number,
    layanan: label ?? '',
    instansi: agencyName(turn, ticket.agency ?? agency),
    instansi_pendamping: co.length ? `, bersama ${co.join(', ')}` : '',
    target_respons: formatWorkingDuration(target.responseMinutes),
    batas_respons: deps.calendar.formatDateTime(sla.responseDueAt),
    batas_penyelesaian: deps.calendar.formatDateTime(sla.resolveDueAt),
  });
  return { flow: null, replies: [reply(text)], service: service?.id ?? undefined, ticketNumber: ticket.number };
}
