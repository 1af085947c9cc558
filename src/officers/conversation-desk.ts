/**
 * Conversations as officers handle them: the waiting queue in scope, the whole transcript, and
 * one owner per conversation. Ownership changes are version-checked writes
 * (Store.saveConversation), so two officers can never both take the same chat: the second
 * reload sees the first one's ownership and gets 409 naming who has it.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, UserInputError } from '../domain/errors';
import { CONVERSATION_OWNERS, type ConversationOwner, TICKET_NUMBER_PATTERN } from '../domain/ids';
import type { MediaRef } from '../domain/messages';
import { defaultFileName } from '../attachments/file-types';
import type { Conversation, NewEntry, Officer, Ticket, TranscriptEntry } from '../store/port';
import { agencyName, audit, type OfficerDeps, publishConsole } from './deps';
import { canActOnConversation, canReadConversation, canReadTicket, readsEverything, usesChats } from './scope';

const MAX_SAVE_ATTEMPTS = 5;

export const conversationAttachmentUrl = (conversationId: string, storageKey: string) =>
  `/api/v1/conversations/${encodeURIComponent(conversationId)}/attachments/${encodeURIComponent(storageKey)}`;

export interface ConversationSummary {
  id: string;
  channel: Conversation['channel'];
  state: ConversationOwner;
  agency: string | null;
  agencyName: string | null;
  service: string | null;
  serviceName: string | null;
  ticket?: string;
  lastMessage: string;
  lastMessageFrom: string | null;
  lastMessageAt: number;
  waitingSince: number | null;
  /** Working minutes the user has waited for a human (office hours only), when waiting. */
  waitingWorkingMinutes: number | null;
  officerId: string | null;
  officerName: string | null;
  userName: string | null;
}

export interface ConversationDesk {
  list(officer: Officer, filter: { state: ConversationOwner; mine: boolean }): Promise<ConversationSummary[]>;
  get(officer: Officer, id: string): Promise<ConversationSummary & { identity: Conversation['identity']; transcript: TranscriptView[]; linkedTicket: LinkedTicket | null; canAct: boolean }>;
  takeover(officer: Officer, id: string): Promise<ConversationSummary>;
  send(officer: Officer, id: string, text: string): Promise<{ id: string }>;
  release(officer: Officer, id: string): Promise<ConversationSummary>;
  close(officer: Officer, id: string): Promise<ConversationSummary>;
  attach(officer: Officer, id: string, ticketNumber: string): Promise<ConversationSummary>;
  /** Whether the officer may watch this conversation's live topic. */
  canWatch(officer: Officer, id: string): Promise<boolean>;
  /** A file the user sent in this conversation, with its bytes (scope-checked like reading the chat). */
  attachment(officer: Officer, id: string, storageKey: string): Promise<{ ref: MediaRef; bytes: Buffer }>;
}

/** A file of a message, as the console shows it: stored files carry the URL to download them. */
export interface AttachmentView {
  name: string;
  type: string;
  size: number;
  kind: MediaRef['kind'];
  /** false when the file never reached us (e.g. a failed Telegram download): only its name is known. */
  stored: boolean;
  url?: string;
}

export function attachmentViews(media: readonly MediaRef[] | undefined, urlOf: (storageKey: string) => string): AttachmentView[] {
  return (media ?? []).map((m) => ({
    name: m.fileName ?? defaultFileName(m),
    type: m.mimeType,
    size: m.sizeBytes,
    kind: m.kind,
    stored: !!m.storageKey,
    ...(m.storageKey ? { url: urlOf(m.storageKey) } : {}),
  }));
}

export interface TranscriptView {
  id: string;
  seq: number;
  from: TranscriptEntry['from'];
  text: string;
  at: number;
  officerId?: string;
  officerName?: string;
  options?: { label: string; value: string }[];
  pending?: boolean;
  attachments?: AttachmentView[];
}

export interface LinkedTicket {
  number: string;
  status: Ticket['status'];
  category: Ticket['category'];
  summary: string;
}

export function isConversationState(value: string): value is ConversationOwner {
  return (CONVERSATION_OWNERS as readonly string[]).includes(value);
}

export function createConversationDesk(deps: OfficerDeps): ConversationDesk {
  const { store, now } = deps;
  const officerNames = new Map<string, string>();

  async function officerName(id: string | null): Promise<string | null> {
    if (!id) return null;
    if (!officerNames.has(id)) {
      const o = await store.getOfficer(id);
      if (!o) return id;
      officerNames.set(id, o.name);
    }
    return officerNames.get(id)!;
  }

  async function linkedTicket(c: Conversation): Promise<Ticket | null> {
    return c.ticketNumber ? store.getTicket(c.ticketNumber) : null;
  }

  async function load(officer: Officer, id: string, need: 'read' | 'act'): Promise<{ c: Conversation; linked: Ticket | null }> {
    if (!usesChats(officer)) throw new ForbiddenError('Peran Anda tidak menangani percakapan.');
    const c = await store.getConversation(id);
    if (!c) throw new NotFoundError('Percakapan tidak ditemukan.');
    const linked = await linkedTicket(c);
    if (!canReadConversation(officer, c, linked)) throw new ForbiddenError('Percakapan ini di luar cakupan instansi Anda.');
    if (need === 'act' && !canActOnConversation(officer, c, linked)) throw new ForbiddenError('Anda tidak berwenang menangani percakapan ini.');
    return { c, linked };
  }

  async function summary(c: Conversation, last?: TranscriptEntry | null): Promise<ConversationSummary> {
    const lastEntry = last !== undefined ? last : (await store.transcript(c.id)).at(-1) ?? null;
    return {
      id: c.id,
      channel: c.channel,
      state: c.owner,
      agency: c.agency,
      agencyName: agencyName(deps, c.agency),
      service: c.service,
      serviceName: c.service ? (deps.knowledge.services.get(c.service)?.name ?? c.service) : null,
      ...(c.ticketNumber ? { ticket: c.ticketNumber } : {}),
      lastMessage: lastEntry?.text ?? '',
      lastMessageFrom: lastEntry?.from ?? null,
      lastMessageAt: c.lastMessageAt,
      waitingSince: c.waitingSince,
      waitingWorkingMinutes: c.owner === 'waiting' && c.waitingSince !== null ? Math.floor(deps.calendar.workingMinutesBetween(c.waitingSince, now())) : null,
      officerId: c.officerId,
      officerName: await officerName(c.officerId),
      userName: c.identity.name ?? null,
    };
  }

  /** Re-reads and re-decides until the version-checked save wins (or the decision refuses). */
  async function mutate(
    officer: Officer,
    id: string,
    decide: (c: Conversation, linked: Ticket | null) => Promise<Conversation | null> | Conversation | null,
  ): Promise<{ saved: Conversation; changed: boolean }> {
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const { c, linked } = await load(officer, id, 'act');
      const next = await decide(c, linked);
      if (!next) return { saved: c, changed: false };
      const saved = await store.saveConversation({ ...next, updatedAt: now() }, c.version);
      if (saved) return { saved, changed: true };
    }
    throw new ConflictError('Percakapan sedang berubah. Silakan coba lagi.');
  }

  async function tell(c: Conversation, kind: string, text: string, from: NewEntry['from'] = 'system'): Promise<void> {
    try {
      await deps.turns.say(c, [{ id: `${c.id}:${kind}:${c.version}`, from, text, at: now() }]);
    } catch (err) {
      deps.logger.warn('could not tell the user', { conversationId: c.id, kind, err });
    }
  }

  function changed(c: Conversation, actor: Officer | null): void {
    publishConsole(deps, { kind: 'conversation-changed', conversationId: c.id, agency: c.agency, state: c.owner, officerId: c.officerId, by: actor?.id ?? null });
  }

  async function mayOverride(officer: Officer): Promise<boolean> {
    return officer.role === 'koordinator-layanan';
  }

  return {
    async list(officer, filter) {
      if (!usesChats(officer)) throw new ForbiddenError('Peran Anda tidak menangani percakapan.');
      const all = await store.listConversations({ owner: [filter.state], limit: 500 });
      const out: ConversationSummary[] = [];
      for (const c of all) {
        if (filter.mine && c.officerId !== officer.id) continue;
        if (!readsEverything(officer)) {
          const linked = c.agency === officer.agency || (c.agency === null && officer.agency === 'diskominfo') ? null : await linkedTicket(c);
          if (!canReadConversation(officer, c, linked)) continue;
        }
        out.push(await summary(c));
      }
      // Longest waiting first in the queue; most recent activity first elsewhere.
      if (filter.state === 'waiting') out.sort((a, b) => (a.waitingSince ?? a.lastMessageAt) - (b.waitingSince ?? b.lastMessageAt));
      return out;
    },

    async get(officer, id) {
      const { c, linked } = await load(officer, id, 'read');
      const entries = await store.transcript(c.id);
      const transcript: TranscriptView[] = [];
      for (const e of entries) {
        transcript.push({
          id: e.id,
          seq: e.seq,
          from: e.from,
          text: e.text,
          at: e.at,
          ...(e.officerId ? { officerId: e.officerId, officerName: (await officerName(e.officerId)) ?? undefined } : {}),
          ...(e.options?.length ? { options: e.options.map((o) => ({ label: o.label, value: o.value })) } : {}),
          ...(e.state === 'pending' ? { pending: true } : {}),
          ...(e.media?.length ? { attachments: attachmentViews(e.media, (key) => conversationAttachmentUrl(c.id, key)) } : {}),
        });
      }
      return {
        ...(await summary(c, entries.at(-1) ?? null)),
        identity: c.identity,
        transcript,
        linkedTicket: linked && canReadTicket(officer, linked) ? { number: linked.number, status: linked.status, category: linked.category, summary: linked.summary } : null,
        canAct: canActOnConversation(officer, c, linked),
      };
    },

    async takeover(officer, id) {
      const { saved, changed: didChange } = await mutate(officer, id, async (c) => {
        if (c.owner === 'officer') {
          if (c.officerId === officer.id) return null;
          throw new ConflictError(`Percakapan ini sudah ditangani oleh ${(await officerName(c.officerId)) ?? 'petugas lain'}.`);
        }
        if (c.owner === 'closed') throw new ConflictError('Percakapan ini sudah ditutup.');
        return { ...c, owner: 'officer', officerId: officer.id };
      });
      if (didChange) {
        const agency = agencyName(deps, officer.agency);
        await tell(saved, 'takeover', `Anda sekarang terhubung dengan petugas ${officer.name} (${agency}). Silakan sampaikan kebutuhan Anda; petugas akan membalas di percakapan ini.`);
        await audit(deps, officer.id, 'conversation.takeover', `conversation:${id}`, { from: saved.waitingSince ? 'waiting' : 'bot' });
        changed(saved, officer);
      }
      return summary(saved);
    },

    async send(officer, id, text) {
      const { c } = await load(officer, id, 'act');
      if (c.owner !== 'officer' || c.officerId !== officer.id) {
        throw new ConflictError(
          c.owner === 'officer' ? `Percakapan ini sedang ditangani oleh ${(await officerName(c.officerId)) ?? 'petugas lain'}.` : 'Ambil alih percakapan ini terlebih dahulu sebelum membalas.',
        );
      }
      const entry: NewEntry = { id: `${c.id}:agent:${randomUUID()}`, from: 'agent', text, officerId: officer.id, at: now() };
      await deps.turns.say(c, [entry]);
      await audit(deps, officer.id, 'conversation.reply', `conversation:${id}`, { entryId: entry.id, length: text.length });
      return { id: entry.id };
    },

    async release(officer, id) {
      const override = await mayOverride(officer);
      const { saved, changed: didChange } = await mutate(officer, id, (c) => {
        if (c.owner === 'bot') return null;
        if (c.owner === 'closed') throw new ConflictError('Percakapan ini sudah ditutup.');
        if (c.owner === 'officer' && c.officerId !== officer.id && !override) throw new ConflictError('Hanya petugas yang menangani percakapan ini yang dapat mengembalikannya ke bot.');
        return { ...c, owner: 'bot', officerId: null, flow: null, waitingSince: null };
      });
      if (didChange) {
        await tell(
          saved,
          'release',
          'Percakapan dengan petugas telah selesai. Asisten virtual Helpdesk SPBE kembali melayani Anda: silakan tulis pertanyaan Anda, atau ketik **petugas** bila ingin dihubungkan lagi dengan petugas.',
          'bot',
        );
        await audit(deps, officer.id, 'conversation.release', `conversation:${id}`);
        changed(saved, officer);
      }
      return summary(saved);
    },

    async close(officer, id) {
      const override = await mayOverride(officer);
      const { saved, changed: didChange } = await mutate(officer, id, (c) => {
        if (c.owner === 'closed') return null;
        if (c.owner === 'officer' && c.officerId !== officer.id && !override) throw new ConflictError('Hanya petugas yang menangani percakapan ini yang dapat menutupnya.');
        return { ...c, owner: 'closed', officerId: null, flow: null, waitingSince: null };
      });
      if (didChange) {
        await tell(saved, 'close', 'Percakapan ini telah ditutup oleh petugas. Terima kasih telah menghubungi Helpdesk SPBE Kabupaten Cirebon. Kirim pesan kapan saja bila memerlukan bantuan lagi.');
        await audit(deps, officer.id, 'conversation.close', `conversation:${id}`);
        changed(saved, officer);
      }
      return summary(saved);
    },

    async attach(officer, id, ticketNumber) {
      if (!TICKET_NUMBER_PATTERN.test(ticketNumber)) throw new UserInputError('Nomor tiket harus berformat HD-YYMMDD-NNNN.');
      const ticket = await store.getTicket(ticketNumber);
      if (!ticket) throw new NotFoundError(`Tiket ${ticketNumber} tidak ditemukan.`);
      if (!canReadTicket(officer, ticket)) throw new NotFoundError(`Tiket ${ticketNumber} tidak ditemukan.`); // out of scope answers like missing
      const { saved, changed: didChange } = await mutate(officer, id, (c) => (c.ticketNumber === ticketNumber ? null : { ...c, ticketNumber }));
      if (didChange) {
        await audit(deps, officer.id, 'conversation.attach', `conversation:${id}`, { ticket: ticketNumber });
        changed(saved, officer);
      }
      return summary(saved);
    },

    async attachment(officer, id, storageKey) {
      const { c } = await load(officer, id, 'read');
      const ref = (await store.transcript(c.id)).flatMap((e) => e.media ?? []).find((m) => m.storageKey === storageKey);
      const bytes = ref && deps.attachments?.read(storageKey);
      if (!ref || !bytes) throw new NotFoundError('Berkas tidak ditemukan di percakapan ini.');
      return { ref, bytes };
    },

    async canWatch(officer, id) {
      try {
        await load(officer, id, 'read');
        return true;
      } catch {
        return false;
      }
    },
  };
}
