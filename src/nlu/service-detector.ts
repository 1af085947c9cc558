/**
 * Service detection: app names/aliases are strong evidence, catalog keywords and agency names
 * medium evidence, the best FAQ match light evidence; a softmax regression over FAQ variants,
 * intent examples with {app} expanded and catalog texts covers the rest. All are summed in log
 * space and normalised with a softmax into calibrated scores. The label NONE stands for "no
 * single service" (SPBE general ground, greetings, out of scope).
 */
import type { ServiceId } from '../domain/ids';
import type { Scored } from '../domain/understanding';
import { softmax, SoftmaxRegression, type SoftmaxModelJson, type TrainingExample } from './softmax-regression';

export const NONE = '__none__';
export const APP_WEIGHT = 4;
export const KEYWORD_WEIGHT = 1.6;
export const FAQ_WEIGHT = 3;
export const FAQ_FROM = 0.3;
export const NONE_PENALTY_WITH_APP = 3;
export const SERVICE_TEMPERATURE = 1.2;

export interface ServiceEvidence {
  apps: ReadonlyMap<ServiceId, number>;
  keywords: ReadonlyMap<ServiceId, number>;
  /** Best FAQ entry's service (NONE for general entries) and raw score. */
  faq: { service: ServiceId | typeof NONE; score: number } | null;
}

export class ServiceDetector {
  private constructor(private readonly model: SoftmaxRegression) {}

  static train(examples: TrainingExample[]): ServiceDetector {
    return new ServiceDetector(SoftmaxRegression.train(examples, { epochs: 25, learningRate: 0.25, l2: 1e-5 }));
  }

  static fromJSON(json: SoftmaxModelJson): ServiceDetector {
    return new ServiceDetector(SoftmaxRegression.fromJSON(json));
  }

  toJSON(): SoftmaxModelJson {
    return this.model.toJSON();
  }

  /** Whether any of the features is part of the model's vocabulary. */
  knows(features: readonly string[]): boolean {
    return features.some((f) => this.model.hasFeature(f));
  }

  /** Candidates (NONE included), best first. */
  detect(features: readonly string[], evidence: ServiceEvidence): Scored<string>[] {
    const logits = this.model.logits(features);
    const labels = this.model.labels;
    const index = new Map(labels.map((l, i) => [l, i]));
    let strong = false;
    for (const [s, n] of evidence.apps) {
      const i = index.get(s);
      if (i === undefined) continue;
      logits[i]! += APP_WEIGHT * Math.min(2, n);
      strong = true;
    }
    for (const [s, w] of evidence.keywords) {
      const i = index.get(s);
      if (i !== undefined) logits[i]! += KEYWORD_WEIGHT * Math.min(2, w);
    }
    if (evidence.faq && evidence.faq.score > FAQ_FROM) {
      const i = index.get(evidence.faq.service);
      if (i !== undefined) logits[i]! += FAQ_WEIGHT * (evidence.faq.score - FAQ_FROM) * 2;
    }
    const none = index.get(NONE);
    if (strong && none !== undefined) logits[none]! -= NONE_PENALTY_WITH_APP;
    const probs = softmax(logits, SERVICE_TEMPERATURE);
    return labels.map((value, i) => ({ value, score: probs[i]! })).sort((a, b) => b.score - a.score);
  }
}
