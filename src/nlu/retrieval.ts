/**
 * FAQ retrieval: TF-IDF cosine between the message and every question variant of every FAQ
 * entry (an entry scores its best variant, plus a light share of its answer), with synonym
 * expansion of the query and app names already canonicalised (app:simpeg). Scores are cosines
 * (0..1). `rank` is bound to the service the message is about: only that service's entries (and
 * the answers that hold for every service) compete, or only the general entries when the message
 * is about no service, so an answer about another application is never a candidate.
 */
import type { ServiceId } from '../domain/ids';

/** Service of an entry whose answer holds for every service (written with service placeholders). */
export const ANY_SERVICE = '*';
/** Share of its score an every-service answer keeps against the service's own entries. */
export const ANY_SERVICE_FACTOR = 0.9;

export interface RetrievalDoc {
  entryId: string;
  service: ServiceId | null | typeof ANY_SERVICE;
  /** Feature lists (stems, bigrams) of each question variant. */
  questions: string[][];
  answer: string[];
}

export interface RetrievalHit {
  id: string;
  service: ServiceId | null | typeof ANY_SERVICE;
  score: number;
}

export interface RetrievalResult {
  hits: RetrievalHit[];
  /** Best score minus the second-best (0 when fewer than two). */
  margin: number;
}

export interface RetrievalJson {
  terms: string[];
  idf: number[];
  docs: RetrievalDoc[];
}

const ANSWER_SHARE = 0.35;
const BIGRAM_WEIGHT = 0.25;
const COSINE_SHARE = 0.4;

interface SparseVec {
  ids: number[];
  weights: number[];
  norm: number;
}

export class FaqRetriever {
  private readonly termIndex: Map<string, number>;
  private readonly terms: string[];
  private readonly idf: number[];
  private readonly docs: RetrievalDoc[];
  private readonly services: (ServiceId | null | typeof ANY_SERVICE)[];
  /** Flat list of scored texts: every question variant, then every answer. */
  private readonly textEntry: Int32Array;
  private readonly textIsAnswer: Uint8Array;
  private readonly textNorm: Float64Array;
  /** term -> texts containing it and the term's weight there. */
  private readonly postings: { texts: Int32Array; weights: Float64Array }[];
  // Scratch buffers reused by scoreAll (single-threaded).
  private readonly dot: Float64Array;
  private readonly touched: Int32Array;

  private constructor(terms: string[], idf: number[], docs: RetrievalDoc[]) {
    this.termIndex = new Map(terms.map((t, i) => [t, i]));
    this.terms = terms;
    this.idf = idf;
    this.docs = docs;
    this.services = docs.map((d) => d.service);
    const entryOf: number[] = [];
    const isAnswer: number[] = [];
    const norms: number[] = [];
    const lists: { texts: number[]; weights: number[] }[] = terms.map(() => ({ texts: [], weights: [] }));
    const addText = (features: readonly string[], entry: number, answer: boolean) => {
      const v = this.vectorize(features);
      const t = entryOf.length;
      entryOf.push(entry);
      isAnswer.push(answer ? 1 : 0);
      norms.push(v.norm);
      v.ids.forEach((id, i) => {
        lists[id]!.texts.push(t);
        lists[id]!.weights.push(v.weights[i]!);
      });
    };
    docs.forEach((d, e) => d.questions.forEach((q) => addText(q, e, false)));
    docs.forEach((d, e) => addText(d.answer, e, true));
    this.textEntry = Int32Array.from(entryOf);
    this.textIsAnswer = Uint8Array.from(isAnswer);
    this.textNorm = Float64Array.from(norms);
    this.postings = lists.map((l) => ({ texts: Int32Array.from(l.texts), weights: Float64Array.from(l.weights) }));
    this.dot = new Float64Array(entryOf.length);
    this.touched = new Int32Array(entryOf.length);
  }

  static build(docs: RetrievalDoc[]): FaqRetriever {
    const df = new Map<string, number>();
    for (const d of docs) {
      const seen = new Set<string>([...d.questions.flat(), ...d.answer]);
      for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const terms = [...df.keys()];
    const n = docs.length;
    const idf = terms.map((t) => Math.log(1 + (n + 1) / (df.get(t)! + 0.5)));
    return new FaqRetriever(terms, idf, docs);
  }

  static fromJSON(json: RetrievalJson): FaqRetriever {
    return new FaqRetriever(json.terms, json.idf, json.docs);
  }

  toJSON(): RetrievalJson {
    return { terms: [...this.termIndex.keys()], idf: this.idf, docs: this.docs };
  }

  private vectorize(features: readonly string[], weights?: ReadonlyMap<string, number>): SparseVec {
    const byId = new Map<number, number>();
    for (const f of features) {
      const id = this.termIndex.get(f);
      if (id === undefined) continue;
      const w = (weights?.get(f) ?? 1) * (f.startsWith('b:') ? BIGRAM_WEIGHT : 1) * this.idf[id]!;
      byId.set(id, Math.max(byId.get(id) ?? 0, w));
    }
    let sq = 0;
    for (const v of byId.values()) sq += v * v;
    return { ids: [...byId.keys()], weights: [...byId.values()], norm: Math.sqrt(sq) };
  }

  /** Index of the scored text of an entry's question variant (for leave-one-out checks). */
  variantText(entry: number, variant: number): number {
    let t = 0;
    for (let e = 0; e < entry; e++) t += this.docs[e]!.questions.length;
    return t + variant;
  }

  /**
   * Raw scores per entry (index-aligned with the docs): for each text, a mix of cosine and of
   * how much of the query's weight the text covers (short queries against long variants are
   * otherwise penalised for the variant's extra words); an entry takes its best variant plus a
   * share of its answer's score. A synonym in `expansions` (synonym -> the query word it stands
   * for) covers its word at the synonym's own weight, never more than the word itself would: so a
   * word with many synonyms is not diluted by them, and synonyms never add up beyond it.
   * `excludeText` leaves one scored text out.
   */
  scoreAll(features: readonly string[], weights?: ReadonlyMap<string, number>, options: { expansions?: ReadonlyMap<string, string>; excludeText?: number } = {}): Float64Array {
    const scores = new Float64Array(this.docs.length);
    const q = this.vectorize(features, weights);
    if (q.norm === 0) return scores;
    // Coverage groups: each query word with the synonyms standing in for it.
    const groupOf = new Map<string, number>();
    const termGroup = new Int32Array(q.ids.length);
    const groupWeight: number[] = [];
    q.ids.forEach((id, i) => {
      const term = this.terms[id]!;
      const key = options.expansions?.get(term) ?? term;
      let g = groupOf.get(key);
      if (g === undefined) {
        g = groupWeight.length;
        groupOf.set(key, g);
        groupWeight.push(0);
      }
      termGroup[i] = g;
      if (key === term || !q.ids.some((other) => this.terms[other] === key)) groupWeight[g] = Math.max(groupWeight[g]!, q.weights[i]!);
    });
    const nGroups = groupWeight.length;
    let qSq = 0;
    for (const w of groupWeight) qSq += w * w;
    const exclude = options.excludeText ?? -1;
    const { dot, touched } = this;
    // Best weight per (touched text, group), allocated for the texts this query touches.
    const slotOf = new Map<number, number>();
    const cover: number[] = [];
    let nTouched = 0;
    for (let i = 0; i < q.ids.length; i++) {
      const w = q.weights[i]!;
      const g = termGroup[i]!;
      const post = this.postings[q.ids[i]!]!;
      for (let j = 0; j < post.texts.length; j++) {
        const t = post.texts[j]!;
        let slot = slotOf.get(t);
        if (slot === undefined) {
          slot = nTouched;
          slotOf.set(t, slot);
          touched[nTouched++] = t;
          for (let k = 0; k < nGroups; k++) cover.push(0);
        }
        dot[t]! += w * post.weights[j]!;
        const c = slot * nGroups + g;
        if (w > cover[c]!) cover[c] = w;
      }
    }
    const best = new Float64Array(this.docs.length);
    const answer = new Float64Array(this.docs.length);
    for (let k = 0; k < nTouched; k++) {
      const t = touched[k]!;
      let covered = 0;
      for (let g = 0; g < nGroups; g++) {
        const w = Math.min(cover[k * nGroups + g]!, groupWeight[g]!);
        covered += w * w;
      }
      const norm = this.textNorm[t]!;
      const s = norm === 0 || t === exclude ? 0 : COSINE_SHARE * (dot[t]! / (norm * q.norm)) + (1 - COSINE_SHARE) * (covered / qSq);
      const e = this.textEntry[t]!;
      if (this.textIsAnswer[t]) answer[e] = s;
      else if (s > best[e]!) best[e] = s;
      dot[t] = 0;
    }
    for (let e = 0; e < scores.length; e++) {
      if (best[e]! > 0 || answer[e]! > 0) scores[e] = (best[e]! + ANSWER_SHARE * answer[e]!) / (1 + ANSWER_SHARE);
    }
    return scores;
  }

  /**
   * Best entries for a message about `service` (null: about no service): that service's entries,
   * and when a service is known the every-service answers at ANY_SERVICE_FACTOR of their score
   * (taken from `anyServiceScores`: the message scored without the words that name the service,
   * which those answers' questions never hold).
   */
  rank(scores: Float64Array, service: ServiceId | null, limit = 3, anyServiceScores: Float64Array = scores): RetrievalResult {
    const hits: RetrievalHit[] = [];
    for (let e = 0; e < scores.length; e++) {
      const raw = this.services[e] === ANY_SERVICE ? anyServiceScores[e]! : scores[e]!;
      if (raw <= 0) continue;
      const entryService = this.services[e] ?? null;
      let factor: number;
      if (entryService === service) factor = 1;
      else if (service !== null && entryService === ANY_SERVICE) factor = ANY_SERVICE_FACTOR;
      else continue;
      hits.push({ id: this.docs[e]!.entryId, service: entryService, score: raw * factor });
    }
    hits.sort((a, b) => b.score - a.score);
    const top = hits.slice(0, limit);
    const margin = top.length >= 2 ? top[0]!.score - top[1]!.score : (top[0]?.score ?? 0);
    return { hits: top, margin };
  }

  entryService(index: number): ServiceId | null | typeof ANY_SERVICE {
    return this.services[index] ?? null;
  }

  get size(): number {
    return this.docs.length;
  }
}
