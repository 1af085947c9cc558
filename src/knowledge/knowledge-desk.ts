/**
 * Knowledge management in the console (interfaces.md section 8): the gaps, and FAQ entries from
 * draft to published to withdrawn.
 * - Officers who work chats (pengelola-layanan, pengelola-teknis, the koordinators) draft and
 *   edit entries for services of their own agency (Diskominfo also for no particular service);
 *   the koordinators for any service. penyedia-layanan reads only.
 * - Only the koordinator-layanan publishes and withdraws. Publishing makes the working copy a
 *   new numbered version; the bot answers with it at once in every process (the published
 *   counter moves in the same write). Every step is written to the audit trail.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, UserInputError } from '../domain/errors';
import type { AgencyId, ServiceId } from '../domain/ids';
import { GENERAL_QUEUE_AGENCY, readsEverything, type Who } from '../officers/scope';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/port';
import { publishedEntriesYaml } from './faq-yaml';
import type { PublishedRefresher } from './freshness';
import { groupGaps, type KnowledgeGap } from './gaps';
import type { EntryContent, EntryState, KnowledgeEntry, KnowledgeStore, PublishedVersion } from './port';
import type { PublishedFaq } from './published-faq';
import type { Knowledge } from './types';

export const MAX_QUESTIONS = 20;
export const QUESTION_LENGTH = { min: 3, max: 300 };
export const ANSWER_LENGTH = { min: 10, max: 4000 };
const SAVE_ATTEMPTS = 5;
const DAY = 86_400_000;

export interface KnowledgeDeskDeps {
  store: KnowledgeStore;
  audit: Pick<Store, 'appendAudit' | 'getOfficer'>;
  knowledge: Pick<Knowledge, 'services' | 'agencies'>;
  published: PublishedFaq;
  refresher: PublishedRefresher;
  now: () => number;
  logger: Logger;
}

export interface DraftInput {
  service: ServiceId | null;
  questions: string[];
  answer: string;
  gap?: string | null;
}

export interface KnowledgeDesk {
  gaps(officer: Who, query: { from?: number; to?: number; limit?: number; includeCovered?: boolean }): Promise<{ gaps: KnowledgeGap[]; from: number; to: number }>;
  list(officer: Who, filter: { state?: EntryState }): Promise<KnowledgeEntry[]>;
  get(officer: Who, id: string): Promise<{ entry: KnowledgeEntry; versions: PublishedVersion[] }>;
  draft(officer: Who, input: DraftInput): Promise<KnowledgeEntry>;
  update(officer: Who, id: string, change: Partial<EntryContent>): Promise<KnowledgeEntry>;
  publish(officer: Who, id: string): Promise<KnowledgeEntry>;
  withdraw(officer: Who, id: string, reason: string | null): Promise<KnowledgeEntry>;
  exportYaml(officer: Who): Promise<string>;
}

export function createKnowledgeDesk(deps: KnowledgeDeskDeps): KnowledgeDesk {
  const { store, knowledge, now } = deps;
  const owners = (service: ServiceId | null): AgencyId[] => (service ? (knowledge.services.get(service)?.owners ?? []) : [GENERAL_QUEUE_AGENCY]);
  const writes = (o: Who) => o.role !== 'penyedia-layanan';
  const canWriteFor = (o: Who, service: ServiceId | null) => writes(o) && (readsEverything(o) || owners(service).includes(o.agency));
  const canRead = (o: Who, e: KnowledgeEntry) => readsEverything(o) || e.agency === o.agency || owners(e.service).includes(o.agency);
  const isKoordinatorLayanan = (o: Who) => o.role === 'koordinator-layanan';

  async function audit(o: Who, action: string, id: string, details?: Record<string, unknown>) {
    try {
      await deps.audit.appendAudit({ at: now(), actor: o.id, action, target: `knowledge:${id}`, ...(details ? { details } : {}) });
    } catch (err) {
      deps.logger.error('audit write failed', { action, id, err });
    }
  }

  function validContent(input: Partial<EntryContent>, base?: EntryContent): EntryContent {
    const service = input.service !== undefined ? input.service : (base?.service ?? null);
    if (service !== null && !knowledge.services.has(service)) throw new UserInputError(`Layanan '${service}' tidak dikenal.`);
    const questions = input.questions ?? base?.questions ?? [];
    if (!questions.length) throw new UserInputError('Isi minimal satu pertanyaan.');
    if (questions.length > MAX_QUESTIONS) throw new UserInputError(`Paling banyak ${MAX_QUESTIONS} variasi pertanyaan.`);
    const seen = new Set<string>();
    const cleaned: string[] = [];
    for (const q of questions) {
      if (q.length < QUESTION_LENGTH.min || q.length > QUESTION_LENGTH.max) {
        throw new UserInputError(`Setiap pertanyaan harus ${QUESTION_LENGTH.min}-${QUESTION_LENGTH.max} karakter.`);
      }
      const key = q.toLowerCase().replace(/\s+/g, ' ');
      if (!seen.has(key)) cleaned.push(q);
      seen.add(key);
    }
    const answer = input.answer ?? base?.answer ?? '';
    if (answer.length < ANSWER_LENGTH.min || answer.length > ANSWER_LENGTH.max) throw new UserInputError(`Jawaban harus ${ANSWER_LENGTH.min}-${ANSWER_LENGTH.max} karakter.`);
    return { service, questions: cleaned, answer };
  }

  async function load(o: Who, id: string): Promise<KnowledgeEntry> {
    const entry = await store.getEntry(id);
    if (!entry || !canRead(o, entry)) throw new NotFoundError('Entri pengetahuan tidak ditemukan.');
    return entry;
  }

  /** Read, change, write with the revision check; retried when someone else wrote first. */
  async function change(
    o: Who,
    id: string,
    apply: (e: KnowledgeEntry) => { next: KnowledgeEntry; publish?: PublishedVersion; changesLive?: boolean },
  ): Promise<KnowledgeEntry> {
    for (let i = 0; i < SAVE_ATTEMPTS; i++) {
      const current = await load(o, id);
      const { next, ...effects } = apply(current);
      if (await store.saveEntry(next, current.revision, effects)) return { ...next, revision: current.revision + 1 };
    }
    throw new ConflictError('Entri sedang diubah petugas lain; muat ulang lalu coba lagi.');
  }

  return {
    async gaps(o, query) {
      const to = query.to ?? now();
      const from = query.from ?? to - 30 * DAY;
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
      await deps.refresher.ensureFresh();
      const rows = await store.gapGroups({ from, to, agencies: readsEverything(o) ? null : [o.agency], limit: limit * 10 });
      const gaps = groupGaps(rows, deps.published, query.includeCovered ? limit : limit * 10).filter((g) => query.includeCovered || !g.coveredBy);
      return { gaps: gaps.slice(0, limit), from, to };
    },

    async list(o, filter) {
      return (await store.listEntries({ ...(filter.state ? { state: filter.state } : {}), limit: 500 })).filter((e) => canRead(o, e));
    },

    async get(o, id) {
      const entry = await load(o, id);
      return { entry, versions: await store.versions(id) };
    },

    async draft(o, input) {
      const content = validContent(input);
      if (!canWriteFor(o, content.service)) {
        throw new ForbiddenError('Anda hanya dapat menyusun entri untuk layanan perangkat daerah Anda sendiri.');
      }
      const at = now();
      const entry: KnowledgeEntry = {
        id: `kb-${randomBytes(5).toString('hex')}`,
        ...content,
        state: 'draft',
        live: null,
        revision: 1,
        gap: input.gap ?? null,
        createdAt: at,
        createdBy: o.id,
        updatedAt: at,
        updatedBy: o.id,
        agency: o.agency,
      };
      await store.createEntry(entry);
      await audit(o, 'knowledge.draft', entry.id, { service: entry.service, questions: entry.questions.length, ...(entry.gap ? { gap: entry.gap } : {}) });
      return entry;
    },

    async update(o, id, patch) {
      const updated = await change(o, id, (e) => {
        if (!(isKoordinatorLayanan(o) || (writes(o) && (e.agency === o.agency || canWriteFor(o, e.service))))) {
          throw new ForbiddenError('Anda tidak berwenang mengubah entri ini.');
        }
        const content = validContent(patch, e);
        if (!canWriteFor(o, content.service)) throw new ForbiddenError('Anda hanya dapat memilih layanan perangkat daerah Anda sendiri.');
        return { next: { ...e, ...content, updatedAt: now(), updatedBy: o.id } };
      });
      await audit(o, 'knowledge.update', id, { state: updated.state });
      return updated;
    },

    async publish(o, id) {
      if (!isKoordinatorLayanan(o)) throw new ForbiddenError('Hanya koordinator layanan yang dapat menerbitkan entri pengetahuan.');
      let version: PublishedVersion | null = null;
      const published = await change(o, id, (e) => {
        const at = now();
        version = { version: (e.live?.version ?? 0) + 1, service: e.service, questions: e.questions, answer: e.answer, publishedAt: at, publishedBy: o.id };
        return { next: { ...e, state: 'published', live: version, updatedAt: at, updatedBy: o.id }, publish: version };
      });
      await audit(o, 'knowledge.publish', id, { version: version!.version });
      await deps.refresher.ensureFresh();
      return published;
    },

    async withdraw(o, id, reason) {
      if (!isKoordinatorLayanan(o)) throw new ForbiddenError('Hanya koordinator layanan yang dapat menarik entri pengetahuan.');
      const withdrawn = await change(o, id, (e) => {
        if (e.state !== 'published') throw new ConflictError('Entri ini tidak sedang diterbitkan.');
        return { next: { ...e, state: 'withdrawn', updatedAt: now(), updatedBy: o.id }, changesLive: true };
      });
      await audit(o, 'knowledge.withdraw', id, { version: withdrawn.live?.version ?? null, ...(reason ? { reason } : {}) });
      await deps.refresher.ensureFresh();
      return withdrawn;
    },

    async exportYaml(o) {
      if (!readsEverything(o)) throw new ForbiddenError('Hanya koordinator yang dapat mengekspor entri pengetahuan.');
      const entries = await store.publishedEntries();
      const names = new Map<string, string>();
      for (const id of new Set(entries.map((e) => e.live?.publishedBy ?? ''))) {
        if (id) names.set(id, (await deps.audit.getOfficer(id))?.name ?? id);
      }
      return publishedEntriesYaml(entries, { generatedAt: new Date(now()).toISOString(), officerName: (id) => names.get(id) ?? id });
    },
  };
}
