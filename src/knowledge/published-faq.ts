/**
 * FAQ entries published from the console, live in this process: the dialogue sees them in
 * `knowledge.faq` (after the files' entries) and the NLU wrapper points `understanding.faq` at
 * one when a message matches it well. `replace()` swaps the whole set at once (the freshness
 * check calls it when the store's published counter moved), so no restart is needed.
 */
import type { Understanding } from '../domain/understanding';
import type { Nlu } from '../nlu';
import type { KnowledgeEntry } from './port';
import { similarity, wordVector, type WordVector } from './text-similarity';
import type { FaqEntry, Knowledge } from './types';

/** Least similarity for a message to be answered with a published entry. */
export const PUBLISHED_MATCH_MIN = 0.6;
/** Below this confidence any understanding may be replaced by a matching published answer. */
const UNSURE_BELOW = 0.5;

interface LiveEntry {
  faq: FaqEntry;
  questions: WordVector[];
}

export interface PublishedMatch {
  entry: FaqEntry;
  score: number;
}

export class PublishedFaq {
  /** The store counter value the entries came from (-1: never loaded). */
  version = -1;
  private live: LiveEntry[] = [];
  private merged: FaqEntry[];
  /** The knowledge the dialogue reads: the files' data, with `faq` including published entries. */
  readonly knowledge: Knowledge;

  /** `normalize` is the NLU's normaliser (Understanding.normalized of a text). */
  constructor(private readonly base: Knowledge, readonly normalize: (text: string) => string) {
    this.merged = base.faq;
    const merged = () => this.merged;
    this.knowledge = {
      ...base,
      get faq() {
        return merged();
      },
    };
  }

  entries(): readonly FaqEntry[] {
    return this.live.map((l) => l.faq);
  }

  replace(version: number, entries: KnowledgeEntry[]): void {
    const fileIds = new Set(this.base.faq.map((e) => e.id));
    this.live = entries
      .filter((e) => e.state === 'published' && e.live && !fileIds.has(e.id))
      .map((e) => {
        const v = e.live!;
        const faq: FaqEntry = {
          id: e.id,
          service: v.service,
          questions: v.questions,
          answer: v.answer,
          source: `Entri konsol ${e.id} versi ${v.version}`,
          file: 'konsol',
        };
        return { faq, questions: v.questions.map((q) => wordVector(this.normalize(q))) };
      });
    this.merged = [...this.base.faq, ...this.live.map((l) => l.faq)];
    this.version = version;
  }

  /** The best published entry for a normalised message, when similar enough. */
  match(normalized: string): PublishedMatch | null {
    if (!this.live.length) return null;
    const v = wordVector(normalized);
    let best: PublishedMatch | null = null;
    for (const l of this.live) {
      for (const q of l.questions) {
        const score = similarity(v, q);
        if (score >= PUBLISHED_MATCH_MIN && (!best || score > best.score)) best = { entry: l.faq, score };
      }
    }
    return best;
  }
}

/** Whether a published answer may replace what the NLU understood (reports and tracking stay). */
function mayAnswer(u: Understanding): boolean {
  if (u.type === 'minta_agen' || (u.type === 'lacak_tiket' && u.ticketNumber)) return false;
  return u.type === 'informasi' || u.type === 'di_luar_layanan' || u.type === 'sapaan' || u.confidence < UNSURE_BELOW;
}

/** The NLU, with published entries answering the questions they match. */
export function withPublishedAnswers(nlu: Nlu, published: PublishedFaq, knowledge: Pick<Knowledge, 'services'>): Nlu {
  return {
    buildInfo: nlu.buildInfo,
    understand(text) {
      const u = nlu.understand(text);
      const hit = published.match(u.normalized);
      if (!hit || !mayAnswer(u)) return u;
      // Never an answer about another service than the one the message names.
      if (hit.entry.service && u.service && hit.entry.service !== u.service) return u;
      const score = Math.round(hit.score * 1000) / 1000;
      const service = hit.entry.service ?? u.service;
      return {
        ...u,
        type: 'informasi',
        faq: { id: hit.entry.id, score },
        faqCandidates: [{ id: hit.entry.id, score }],
        service,
        agency: service ? (knowledge.services.get(service)?.owners[0] ?? null) : null,
        confidence: Math.max(u.confidence, score),
        ambiguity: null,
      };
    },
  };
}
