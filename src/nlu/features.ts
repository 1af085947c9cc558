/**
 * Turns a message into the inputs of the classifiers and the retriever: normalised tokens,
 * domain mentions (apps, keywords, agencies), type features (stems + bigrams + cue features,
 * with apps as __app__ and agencies as __agency__), service features (stems + bigrams with apps
 * canonicalised as app:<name>) and retrieval features.
 */
import type { AgencyId, ReportType, ServiceId } from '../domain/ids';
import type { DomainIndex } from './domain-index';
import type { Normalized, Normalizer } from './normalize';
import { ngramFeatures, stemToken } from './tokens';
import type { NluVocabulary } from './vocabulary';

const QUESTION_WEIGHT = 0.35;
/**
 * Query weight of a number ("2025", "17"): a year or count in a question rarely decides which
 * answer is meant, yet a number the FAQ holds once has the highest rarity weight of all and would
 * drown the words that do ("pendaftaran cpns 2025 kapan"). It still tells apart entries that
 * differ by it (the 2021 index, the 2024 targets).
 */
const NUMBER_WEIGHT = 0.3;

const PLACEHOLDER_UNIGRAMS: ReadonlySet<string> = new Set(['__app__', '__agency__']);
/** Placeholders that may surround a bare announcement ("mau lapor soal simpeg"). */
const BARE_PLACEHOLDERS: ReadonlySet<string> = new Set(['__app__', '__agency__']);

/**
 * Only an announcement: one of the `announcing` stems, otherwise only words of `around`, greetings
 * and app/agency mentions ("mau lapor", "izin melapor soal simpeg", "saya mau bertanya").
 */
function isBareAnnouncement(tokens: readonly string[], announcing: ReadonlySet<string>, around: ReadonlySet<string>, greetings: ReadonlySet<string>): boolean {
  let announced = false;
  for (const t of tokens) {
    if (announcing.has(stemToken(t))) announced = true;
    else if (!around.has(t) && !BARE_PLACEHOLDERS.has(t) && !greetings.has(t)) return false;
  }
  return announced;
}

export interface MessageFeatures {
  normalized: Normalized;
  /** Only an announcement of a report, with nothing said about it yet. */
  bareReport: boolean;
  /** Only an announcement of a report of a named kind ("gangguan", "mau lapor gangguan"). */
  bareReportKind: ReportType | null;
  /** Only an announcement of a question ("saya ingin bertanya tentang layanan"), nothing asked yet. */
  bareQuestion: boolean;
  /**
   * Nothing but names of apps, agencies or catalog keywords (and greetings): "simpeg", "bapenda",
   * "perizinan online". Someone asking about that service, not greeting.
   */
  namesOnly: boolean;
  /** Content words that are not greetings/thanks ("pagu", "anggaran"): a greeting has few. */
  nonGreetingWords: number;
  /** Strong evidence: services of the apps mentioned (count of mentions). */
  appServices: Map<ServiceId, number>;
  /** Medium evidence: services of the keywords and agencies mentioned (weighted). */
  keywordServices: Map<ServiceId, number>;
  agencies: AgencyId[];
  typeFeatures: string[];
  serviceFeatures: string[];
  retrievalFeatures: string[];
}

export class FeatureExtractor {
  private readonly synonyms = new Map<string, string[]>();

  constructor(
    private readonly normalizer: Normalizer,
    private readonly domain: DomainIndex,
    private readonly vocabulary: NluVocabulary,
    synonymGroups: string[][] = [],
  ) {
    for (const group of synonymGroups) {
      const stems = [...new Set(group.map((w) => vocabulary.content.stems(normalizer.normalize(w).tokens).join(' ')).filter(Boolean))];
      for (const s of stems) {
        const others = stems.filter((o) => o !== s);
        const list = this.synonyms.get(s) ?? [];
        for (const o of others) for (const part of o.split(' ')) if (!list.includes(part)) list.push(part);
        this.synonyms.set(s, list);
      }
    }
  }

  extract(text: string): MessageFeatures {
    const normalized = this.normalizer.normalize(text);
    const tokens = normalized.tokens;
    const typeTokens = tokens.slice();
    const canonTokens = tokens.slice();
    const appServices = new Map<ServiceId, number>();
    const keywordServices = new Map<ServiceId, number>();
    const agencies: AgencyId[] = [];
    const covered = new Uint8Array(tokens.length);
    /** Tokens inside any app, agency or keyword mention. */
    const mentioned = new Uint8Array(tokens.length);

    for (const m of this.domain.apps.match(tokens)) {
      const ref = m.payloads[0]!;
      for (let i = m.start; i < m.end; i++) {
        typeTokens[i] = i === m.start ? '__app__' : '';
        canonTokens[i] = i === m.start ? ref.token : '';
        covered[i] = 1;
        mentioned[i] = 1;
      }
      const services = new Set(m.payloads.flatMap((p) => p.services));
      for (const s of services) appServices.set(s, (appServices.get(s) ?? 0) + 1);
    }
    for (const m of this.domain.agencies.match(tokens)) {
      if (covered[m.start]) continue;
      for (let i = m.start; i < m.end; i++) {
        typeTokens[i] = i === m.start ? '__agency__' : '';
        mentioned[i] = 1;
      }
      for (const agency of m.payloads) {
        if (!agencies.includes(agency)) agencies.push(agency);
        const owned = this.domain.servicesOfAgency.get(agency) ?? [];
        const spread = Math.sqrt(Math.max(1, owned.length));
        for (const { service, primary } of owned) {
          keywordServices.set(service, (keywordServices.get(service) ?? 0) + (primary ? 1 : 0.5) / spread);
        }
      }
    }
    for (const m of this.domain.keywords.match(tokens)) {
      if (covered[m.start]) continue;
      for (let i = m.start; i < m.end; i++) mentioned[i] = 1;
      const share = 1 / m.payloads.length;
      for (const s of m.payloads) keywordServices.set(s, (keywordServices.get(s) ?? 0) + share);
    }
    if (normalized.ticketNumber) {
      for (let i = 0; i < tokens.length; i++) if (/^hd-\d{6}-\d{4,}$/.test(tokens[i]!)) typeTokens[i] = '__tiket__';
    }

    const typeToks = typeTokens.filter(Boolean);
    const canonToks = canonTokens.filter(Boolean);
    const question = /\?/.test(text);
    const cueText = typeToks.join(' ') + (question ? ' __q__' : '');
    // A mention of an app or agency says which service, not what kind of message: only the words
    // around it (bigrams such as "__app__ error") carry type evidence.
    const { content, greetings } = this.vocabulary;
    const typeFeatures = ngramFeatures(content.stems(typeToks)).filter((t) => !PLACEHOLDER_UNIGRAMS.has(t));
    typeFeatures.push(...this.vocabulary.cues.features(cueText));
    // No words at all ("🙏🙏", "👍"): a gesture, answered like a greeting.
    const greetingOnly = tokens.every((t) => greetings.has(t));
    const nonGreetingWords = tokens.filter((t) => !greetings.has(t) && content.isContent(t)).length;
    if (greetingOnly) typeFeatures.push('#greet-only');
    if (normalized.ticketNumber) typeFeatures.push('#ticket');
    if (question) typeFeatures.push('#question-mark');
    const n = tokens.length;
    typeFeatures.push(n <= 1 ? '#len:1' : n <= 3 ? '#len:2-3' : n <= 7 ? '#len:4-7' : '#len:8+');

    const stems = content.stems(canonToks);
    const retrievalFeatures = ngramFeatures(stems);
    const serviceFeatures = retrievalFeatures.filter((feature) => !this.vocabulary.actOfReportingStems.has(feature));
    const v = this.vocabulary;
    const namesOnly = mentioned.some(Boolean) && tokens.every((t, i) => mentioned[i] || greetings.has(t));
    const bareReport = isBareAnnouncement(typeToks, v.reportStems, v.bareReportWords, greetings);
    const thanks = typeToks.some((t) => v.thanksWords.has(t));
    const bareQuestion = !bareReport && !thanks && isBareAnnouncement(typeToks, v.askStems, v.bareQuestionWords, greetings);
    const bareReportKind = bareReport ? null : this.reportKindOf(typeToks);
    return { normalized, bareReport, bareReportKind, bareQuestion, namesOnly, nonGreetingWords, appServices, keywordServices, agencies, typeFeatures, serviceFeatures, retrievalFeatures };
  }

  /** The message says it asks (a word of `kata_bertanya`: "mohon informasi", "mau tanya"). */
  asks(f: MessageFeatures): boolean {
    return f.normalized.tokens.some((t) => this.vocabulary.askStems.has(stemToken(t)));
  }

  /** Words that say what is asked about: retrieval stems that are not question or asking words. */
  topicWords(f: MessageFeatures): number {
    const v = this.vocabulary;
    return f.retrievalFeatures.filter((x) => !x.startsWith('b:') && !v.questionStems.has(x) && !v.askStems.has(x)).length;
  }

  /** The kind of report a message names and nothing more ("mau lapor gangguan"), if it is one. */
  private reportKindOf(tokens: readonly string[]): ReportType | null {
    const v = this.vocabulary;
    let kind: ReportType | null = null;
    for (const t of tokens) {
      const k = v.reportKinds.get(t);
      if (k) {
        if (kind && kind !== k) return null;
        kind = k;
      } else if (!v.reportStems.has(stemToken(t)) && !v.bareReportWords.has(t) && !BARE_PLACEHOLDERS.has(t) && !v.greetings.has(t)) {
        return null;
      }
    }
    return kind;
  }

  /** Synonym expansion for retrieval: extra stems with a lower weight. */
  expandSynonyms(features: string[]): { features: string[]; weights: Map<string, number>; expansions: Map<string, string> } {
    const weights = new Map<string, number>();
    /** Synonym -> the message's word it stands in for. */
    const expansions = new Map<string, string>();
    for (const f of features) {
      if (this.vocabulary.questionStems.has(f)) weights.set(f, QUESTION_WEIGHT);
      else if (/^\d+$/.test(f)) weights.set(f, NUMBER_WEIGHT);
    }
    const out = features.slice();
    for (const f of features) {
      const syn = this.synonyms.get(f);
      if (!syn) continue;
      for (const s of syn) {
        if (weights.has(s) || features.includes(s)) continue;
        weights.set(s, 0.5);
        expansions.set(s, f);
        out.push(s);
      }
    }
    return { features: out, weights, expansions };
  }

  /** Features of a FAQ/training text for the retriever's documents (no expansion). */
  docFeatures(text: string): string[] {
    return this.extract(text).retrievalFeatures;
  }

  stem(word: string): string {
    return stemToken(word);
  }
}
