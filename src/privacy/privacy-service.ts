/**
 * Answers a person's requests under UU No. 27/2022 and applies the retention periods, over the
 * registered holders (src/privacy/holders.ts):
 * - exportSubject: everything stored about the person, as JSON-ready data;
 * - eraseSubject: removes or anonymises it (tickets stay for statistics without personal data);
 * - applyRetention: anonymises what is past its period (flows/retensi.yaml).
 * Who the person is gets resolved once, up front: their conversations (by WhatsApp number,
 * Telegram id or the contact they gave), the tickets they reported, and messages elsewhere that
 * mention them.
 */
import type { Logger } from '../runtime/logger';
import type { Conversation, Store } from '../store/port';
import { contactMatches, mentionPattern, parseSubject, senderMatches, type Subject } from './contact';
import type { HolderChange, PrivacyRegistry, RetentionRun, SubjectScope } from './registry';
import type { PersonalDataStore } from './port';
import { cutoffOf, type RetentionPolicy } from './retention-policy';
import { createScrubber } from './scrub';

export interface HolderReport extends HolderChange {
  holder: string;
  label: string;
}

export interface ErasureReport {
  contact: string;
  holders: HolderReport[];
  /** false when the database could not drop the removed content from its files yet (busy). */
  flushed: boolean;
}

export interface SubjectExport {
  kontak: string;
  diekspor: string;
  /** One part per holder (its id). */
  data: Record<string, unknown>;
}

export interface PrivacyServiceDeps {
  store: Store;
  pds: PersonalDataStore;
  registry: PrivacyRegistry;
  policy: RetentionPolicy;
  now: () => number;
  logger?: Logger;
}

export interface PrivacyService {
  resolve(contact: string): Promise<SubjectScope>;
  exportSubject(contact: string): Promise<SubjectExport>;
  eraseSubject(contact: string): Promise<ErasureReport>;
  applyRetention(): Promise<HolderReport[]>;
}

export function createPrivacyService(deps: PrivacyServiceDeps): PrivacyService {
  const { store, pds, registry } = deps;

  async function resolve(contact: string): Promise<SubjectScope> {
    const subject: Subject = parseSubject(contact);
    const ids = new Set(
      await pds.findConversations(
        (c) => senderMatches(c.channel, c.threadId, subject) || senderMatches(c.channel, c.identity?.senderId, subject) || contactMatches(c.identity?.contact, subject),
      ),
    );
    const byConversation = new Set(ids);
    const tickets = new Set(
      await pds.findTickets(
        (t) => contactMatches(t.reporter.contact, subject) || senderMatches(t.reporter.channel, t.reporter.senderId, subject) || byConversation.has(t.reporter.conversationId),
      ),
    );
    // A ticket found by its contact makes the conversation it came from theirs (they gave it there),
    // and that conversation's other tickets too.
    for (const number of [...tickets]) {
      const t = await store.getTicket(number);
      if (!t || ids.has(t.reporter.conversationId)) continue;
      ids.add(t.reporter.conversationId);
      for (const other of await store.listTickets({ reporterConversationId: t.reporter.conversationId })) tickets.add(other.number);
    }
    const conversations: Conversation[] = [];
    for (const id of ids) {
      const c = await store.getConversation(id);
      if (c) conversations.push(c);
    }
    const names = new Set<string>();
    // Contacts found in their own records (the e-mail in a report made by phone, the WhatsApp
    // number behind a chat) are theirs too: searched in other records and removed from texts.
    // They never make other conversations theirs (a report may name a relative's number).
    const contacts = new Map<string, Subject>([[subjectKey(subject), subject]]);
    const addContact = (raw: string | undefined | null) => {
      if (!raw) return;
      try {
        const s = parseSubject(raw);
        if (s.phone || s.email) contacts.set(subjectKey({ ...s, telegramId: null }), { ...s, telegramId: null });
      } catch {
        /* not a contact */
      }
    };
    for (const c of conversations) {
      if (c.identity.name) names.add(c.identity.name);
      addContact(c.identity.contact);
      if (c.channel === 'whatsapp') addContact(c.threadId);
    }
    for (const number of tickets) {
      const t = await store.getTicket(number);
      if (t?.reporter.name) names.add(t.reporter.name);
      addContact(t?.reporter.contact);
    }
    const known = [...contacts.values()];
    const pattern = known.map(mentionPattern).filter(Boolean).join('|');
    const mentions = (await pds.findEntries(pattern)).filter((m) => !ids.has(m.conversationId));
    const scrubbers = known.map((k) => createScrubber({ subject: k }));
    const scrubNames = createScrubber({ names: [...names] });
    return {
      subject,
      contacts: known,
      pattern,
      conversations,
      ticketNumbers: [...tickets].sort(),
      mentions,
      names: [...names],
      scrub: (text) => scrubNames(scrubbers.reduce((t, f) => f(t), text)),
      released: new Set(),
      now: deps.now(),
    };
  }

  return {
    resolve,

    async exportSubject(contact) {
      const scope = await resolve(contact);
      const data: Record<string, unknown> = {};
      for (const holder of registry.holders()) data[holder.id] = await holder.export(scope);
      return { kontak: scope.subject.input, diekspor: new Date(scope.now).toISOString(), data };
    },

    async eraseSubject(contact) {
      const scope = await resolve(contact);
      const holders: HolderReport[] = [];
      for (const holder of registry.holders()) holders.push({ holder: holder.id, label: holder.label, ...(await holder.erase(scope)) });
      const flushed = await pds.flush();
      deps.logger?.info('privacy: personal data erased', { holders: holders.map((h) => `${h.holder}:${h.count}`).join(',') });
      return { contact: scope.subject.input, holders, flushed };
    },

    async applyRetention() {
      const now = deps.now();
      const run: RetentionRun = {
        policy: deps.policy,
        now,
        cutoff: (key) => cutoffOf(deps.policy, key, now),
        anonymisedConversations: [],
        anonymisedTickets: [],
        released: new Set(),
      };
      const reports: HolderReport[] = [];
      for (const holder of registry.holders()) {
        if (!holder.retain) continue;
        reports.push({ holder: holder.id, label: holder.label, ...(await holder.retain(run)) });
      }
      await pds.flush();
      return reports;
    },
  };
}

const subjectKey = (s: Subject) => `${s.phone ?? ''}|${s.email ?? ''}|${s.telegramId ?? ''}`;

/** The operator's summary of an erasure, in Indonesian, one line per holder. */
export function describeErasure(report: ErasureReport): string {
  const lines = [`Data pribadi untuk kontak ${report.contact} sudah dihapus atau dianonimkan:`];
  for (const h of report.holders) lines.push(`- ${h.label}: ${h.count === 0 ? 'tidak ada data' : h.summary}`);
  const changed = report.holders.reduce((n, h) => n + h.count, 0);
  if (changed === 0) lines.push('Tidak ada data yang tersimpan untuk kontak ini; tidak ada yang diubah.');
  else lines.push('Tiket tetap tersimpan untuk statistik tanpa data pribadi.');
  if (!report.flushed) {
    lines.push('Catatan: jurnal basis data (WAL) belum dapat dipadatkan karena sedang dipakai proses lain; jalankan ulang perintah ini sebentar lagi.');
  }
  return lines.join('\n');
}
