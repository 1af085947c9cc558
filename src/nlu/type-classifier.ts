/**
 * Message type: an average of softmax regressions over stemmed unigrams + bigrams and cue
 * features (see cues.ts), trained on the labelled messages of faq/contoh-berlabel, the templates
 * of faq/intents/<type>.yaml (with {app} expanded) and, for informasi, the FAQ question variants.
 * At prediction time structural signals are added in log space: the cue priors of faq/isyarat
 * (`bobot`), a ticket number for lacak_tiket, and penalties for sapaan and di_luar_layanan.
 */
import { MESSAGE_TYPES, type MessageType } from '../domain/ids';
import type { Scored } from '../domain/understanding';
import { softmax, SoftmaxRegression, type SoftmaxModelJson, type TrainingExample } from './softmax-regression';

export const TICKET_BONUS = 6;
/** Logit taken from di_luar_layanan when the message names a service (app name or catalog keyword). */
export const NAMED_SERVICE_OUT_OF_SCOPE_PENALTY = 3;
/** Non-greeting words a greeting may carry ("selamat pagi pak kepala bidang") without penalty. */
export const GREETING_FREE_WORDS = 2;
/** Logit taken from sapaan for each further non-greeting word. */
export const GREETING_WORD_PENALTY = 0.8;
export const TYPE_TEMPERATURE = 1.3;
/** Shuffle seeds of the averaged type models. */
export const ENSEMBLE_SEEDS: readonly number[] = [7, 11, 3, 5, 13];
/**
 * Prior weight (log space) of each distinct cue that fired, per type, at most two cues counted
 * (`bobot` of faq/isyarat/<jenis>.yaml). The classifier learns cue weights too, but its training
 * set mixes reports phrased as FAQ questions; this fixed prior keeps the generalising cues decisive
 * on unseen phrasing. Question cues are broad (any "apa", "website"), so they weigh less.
 */
export type CuePrior = Partial<Record<MessageType, number>>;

export class TypeClassifier {
  private readonly labels: MessageType[];

  /** Several models, same data in different orders: their average is steadier than any one. */
  private constructor(
    private readonly models: SoftmaxRegression[],
    private readonly cuePrior: CuePrior,
  ) {
    this.labels = models[0]!.labels as MessageType[];
    if (models.some((m) => m.labels.join() !== this.labels.join())) throw new Error('type models disagree on labels');
  }

  static train(examples: TrainingExample[], cuePrior: CuePrior): TypeClassifier {
    return new TypeClassifier(ENSEMBLE_SEEDS.map((seed) => SoftmaxRegression.train(examples, { epochs: 30, learningRate: 0.25, l2: 1e-5, seed })), cuePrior);
  }

  static fromJSON(json: SoftmaxModelJson[], cuePrior: CuePrior): TypeClassifier {
    return new TypeClassifier(json.map((m) => SoftmaxRegression.fromJSON(m)), cuePrior);
  }

  toJSON(): SoftmaxModelJson[] {
    return this.models.map((m) => m.toJSON());
  }

  private averageLogits(features: readonly string[]): Float64Array {
    const sum = this.models[0]!.logits(features);
    for (let i = 1; i < this.models.length; i++) {
      const l = this.models[i]!.logits(features);
      for (let k = 0; k < sum.length; k++) sum[k]! += l[k]!;
    }
    for (let k = 0; k < sum.length; k++) sum[k]! /= this.models.length;
    return sum;
  }

  /** Type candidates, best first, with calibrated probabilities. */
  classify(
    features: readonly string[],
    signals: { ticketNumber: boolean; namesService?: boolean; nonGreetingWords?: number },
  ): Scored<MessageType>[] {
    const logits = this.averageLogits(features);
    const labels = this.labels;
    const at = (t: MessageType) => labels.indexOf(t);
    const cueCounts = new Map<string, number>();
    for (const f of features) {
      const m = /^#cue:([a-z_]+):/.exec(f);
      if (m) cueCounts.set(m[1]!, Math.min(2, (cueCounts.get(m[1]!) ?? 0) + 1));
    }
    for (const [t, n] of cueCounts) {
      const i = at(t as MessageType);
      if (i >= 0) logits[i]! += n * (this.cuePrior[t as MessageType] ?? 0);
    }
    if (signals.ticketNumber && at('lacak_tiket') >= 0) logits[at('lacak_tiket')]! += TICKET_BONUS;
    // A message that names an app or a catalog keyword is about our services: rarely out of scope,
    // unless it also names an outside topic ("pajak motor di samsat", "BPJS ketenagakerjaan").
    if (signals.namesService && !cueCounts.has('di_luar_layanan') && at('di_luar_layanan') >= 0) logits[at('di_luar_layanan')]! -= NAMED_SERVICE_OUT_OF_SCOPE_PENALTY;
    // "Selamat siang" is a greeting; "pagu anggaran jadi 0 sejak tadi siang" is not: each word
    // beyond a few that is no greeting, thanks or filler takes from sapaan.
    const extra = Math.max(0, (signals.nonGreetingWords ?? 0) - GREETING_FREE_WORDS);
    if (extra > 0 && at('sapaan') >= 0) logits[at('sapaan')]! -= GREETING_WORD_PENALTY * extra;
    const probs = softmax(logits, TYPE_TEMPERATURE);
    return labels
      .map((value, i) => ({ value, score: probs[i]! }))
      .filter((s) => (MESSAGE_TYPES as readonly string[]).includes(s.value))
      .sort((a, b) => b.score - a.score);
  }
}
