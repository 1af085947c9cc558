/**
 * FAQ retrieval: TF-IDF cosine between the message and every question variant of every FAQ
 * entry (an entry scores its best variant, plus a light share of its answer), with synonym
 * expansion of the query and app names already canonicalised (app:simpeg). Scores are cosines
 * (0..1); `rank` applies the detected service's preference and returns the best entries with
 * the margin to the runner-up.
 */
import type { ServiceId } from '../domain/ids';

export interface RetrievalDoc {
  entryId: string;
  service: ServiceId | null;
  /** Feature lists (stems, bigrams) of each question variant. */
  questions: string[][];
  answer: string[];
}

export interface RetrievalHit {
  id: string;
  service: ServiceId | null;
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
  private readonly idf: number[];
  private readonly docs: RetrievalDoc[];
  private readonly services: (ServiceId | null)[];
  /** Flat list of scored texts: every question variant, then every answer. */
  private readonly textEntry: Int32Array;
  private readonly textIsAnswer: Uint8Array;
  private readonly textNorm: Float64Array;
  /** term -> texts containing it and the term's weight there. */
  private readonly postings: { texts: Int32Array; weights: Float64Array }[];
  // Scratch buffers reused by scoreAll (single-threaded).
  private readonly dot: Float64Array;
  private readonly covered: Float64Array;
  private readonly touched: Int32Array;

  private constructor(terms: string[], idf: number[], docs: RetrievalDoc[]) {
    this.termIndex = new Map(terms.map((t, i) => [t, i]));
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
    this.covered = new Float64Array(entryOf.length);
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

  /**
   * Raw scores per entry (index-aligned with the docs): for each text, a mix of cosine and of
   * how much of the query's weight the text covers (short queries against long variants are
   * otherwise penalised for the variant's extra words); an entry takes its best variant plus a
   * share of its answer's score.
   */
  scoreAll(features: readonly string[], weights?: ReadonlyMap<string, number>): Float64Array {
    const scores = new Float64Array(this.docs.length);
    const q = this.vectorize(features, weights);
    if (q.norm === 0) return scores;
    const qSq = q.norm * q.norm;
    const { dot, covered, touched } = this;
    let nTouched = 0;
    for (let i = 0; i < q.ids.length; i++) {
      const w = q.weights[i]!;
      const post = this.postings[q.ids[i]!]!;
      for (let j = 0; j < post.texts.length; j++) {
        const t = post.texts[j]!;
        if (covered[t] === 0) touched[nTouched++] = t;
        dot[t]! += w * post.weights[j]!;
        covered[t]! += w * w;
      }
    }
    const best = new Float64Array(this.docs.length);
    const answer = new Float64Array(this.docs.length);
    for (let k = 0; k < nTouched; k++) {
      const t = touched[k]!;
      const norm = this.textNorm[t]!;
      const s = norm === 0 ? 0 : COSINE_SHARE * (dot[t]! / (norm * q.norm)) + (1 - COSINE_SHARE) * (covered[t]! / qSq);
      const e = this.textEntry[t]!;
      if (this.textIsAnswer[t]) answer[e] = s;
      else if (s > best[e]!) best[e] = s;
      dot[t] = 0;
      covered[t] = 0;
    }
    for (let e = 0; e < scores.length; e++) {
      if (best[e]! > 0 || answer[e]! > 0) scores[e] = (best[e]! + ANSWER_SHARE * answer[e]!) / (1 + ANSWER_SHARE);
    }
    return scores;
  }

  /**
   * Best entries after the service preference: entries of `service` keep their score, entries
   * without a service (SPBE general ground) keep most of it, entries of other services lose more.
   */
  rank(scores: Float64Array, service: ServiceId | null, limit = 3): RetrievalResult {
    const hits: RetrievalHit[] = [];
    for (let e = 0; e < scores.length; e++) {
      const raw = scores[e]!;
      if (raw <= 0) continue;
      const entryService = this.services[e] ?? null;
      let factor: number;
      if (service === null) factor = entryService === null ? 1 : 0.85;
      else factor = entryService === service ? 1 : entryService === null ? 0.8 : 0.55;
      hits.push({ id: this.docs[e]!.entryId, service: entryService, score: raw * factor });
    }
    hits.sort((a, b) => b.score - a.score);
    const top = hits.slice(0, limit);
    const margin = top.length >= 2 ? top[0]!.score - top[1]!.score : (top[0]?.score ?? 0);
    return { hits: top, margin };
  }

  entryService(index: number): ServiceId | null {
    return this.services[index] ?? null;
  }

  get size(): number {
    return this.docs.length;
  }
}
