/**
 * Message understanding for the helpdesk. `createNlu(knowledge, lexicon?)` builds everything
 * from faq/ (normaliser, domain index, type classifier, service detector, FAQ retriever) and
 * returns `understand(text)`. Building takes a few hundred milliseconds; the trained models can
 * also be cached as JSON (`cacheDir`) keyed by the knowledge fingerprint, the lexicon hash and
 * NLU_CODE_VERSION, and are rebuilt when any of them changes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageType, ServiceId } from '../domain/ids';
import type { Understanding } from '../domain/understanding';
import type { FaqEntry, Knowledge } from '../knowledge/types';
import { DomainIndex, domainWords } from './domain-index';
import { FeatureExtractor, type MessageFeatures } from './features';
import { loadLexicon, type Lexicon } from './lexicon';
import { Normalizer } from './normalize';
import { ANY_SERVICE, FaqRetriever, type RetrievalDoc, type RetrievalJson } from './retrieval';
import { NONE, ServiceDetector } from './service-detector';
import type { SoftmaxModelJson, TrainingExample } from './softmax-regression';
import { stemToken } from './tokens';
import { TypeClassifier } from './type-classifier';
import { NluVocabulary } from './vocabulary';

/** Bump when feature extraction or training changes, so cached models are rebuilt. */
export const NLU_CODE_VERSION = 'nlu-11';

/** Minimum retrieval score for `understanding.faq` to be set. */
export const FAQ_MIN_SCORE = 0.2;
/** Top two candidates closer than this are ambiguous. */
export const AMBIGUITY_MARGIN = 0.15;
/** Type score of a message that only names the kind of report ("gangguan", "mau lapor gangguan"). */
export const BARE_REPORT_KIND_SCORE = 0.9;
/** Least score of a service named by a keyword for it to beat the "no service" class. */
export const NAMED_SERVICE_OVER_NONE = 0.15;
/**
 * Least score of a service the message does not name (no app, alias, keyword or agency of it)
 * for the message to be about it, both with and without the best FAQ match as evidence. Below,
 * the evidence is only words many services share ("daftar", "cara", "data") and the FAQ entry
 * they happen to match, which would then bind the answer to a service nobody asked about
 * (circular): the message is about no service, at that weak confidence.
 */
export const UNNAMED_SERVICE_MIN = 0.5;
const NO_SERVICE_TYPES: ReadonlySet<MessageType> = new Set(['sapaan', 'di_luar_layanan']);
const REPORT_TYPES: ReadonlySet<MessageType> = new Set(['keluhan', 'gangguan', 'permintaan', 'perubahan']);
const CONTEXT_ONLY_TYPES: ReadonlySet<MessageType> = new Set(['minta_agen', 'lacak_tiket']);

export interface FaqMatch {
  id: string;
  score: number;
}

export interface Nlu {
  understand(text: string): Understanding;
  /** How the model was obtained and how long it took (ms). */
  readonly buildInfo: { source: 'built' | 'cache'; ms: number; cacheKey: string };
}

/** FAQ search with the NLU's normaliser and scoring (what createNlu returns besides `understand`). */
export interface FaqSearch {
  /**
   * The best FAQ entries of faq/ for `text` about `service` (null: about no service), best first:
   * the same service-bound ranking `understand` uses. `exclude` leaves one question variant out
   * (leave-one-out checks of the FAQ).
   */
  rankFaq(text: string, service: ServiceId | null, options?: { limit?: number; exclude?: { entry: string; variant: number } }): FaqMatch[];
  /**
   * The best match for `text` among `entries` (e.g. FAQ entries published at runtime), with the
   * same normaliser and scoring, bound like `rankFaq` to `service` when given (undefined: any
   * entry). null when none reaches `minScore` (default FAQ_MIN_SCORE).
   */
  matchFaq(text: string, entries: readonly FaqEntry[], options?: { service?: ServiceId | null; minScore?: number }): FaqMatch | null;
}

export interface NluOptions {
  /** Directory for the model cache (e.g. DATA_DIR/.cache); no caching when unset. */
  cacheDir?: string;
}

interface ModelJson {
  key: string;
  type: SoftmaxModelJson[];
  service: SoftmaxModelJson;
  retrieval: RetrievalJson;
}

/** Deterministic pick of `n` items (training expansion of {app}). */
function pick<T>(items: T[], n: number, seed: number): T[] {
  if (items.length <= n) return items;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[(seed * 7 + i * 13) % items.length]!);
  return [...new Set(out)];
}

/**
 * Cues of reports that FAQ variants often carry ("simpeg error pas simpan, knp ya"): such a
 * variant finds its answer, but as a type example it would teach that outages and complaints
 * phrased with a question word are informasi. (Requests and changes are left in: "cara reset
 * password" is a real question.)
 */
const REPORT_CUES: readonly string[] = ['#cue:gangguan', '#cue:keluhan'];

function readsAsQuestion(typeFeatures: readonly string[]): boolean {
  const cues = typeFeatures.filter((f) => /^#cue:[a-z_]+$/.test(f));
  if (cues.some((c) => REPORT_CUES.includes(c))) return false;
  return cues.includes('#cue:informasi') || cues.every((c) => c === '#cue:sapaan');
}

/**
 * Words of the training texts seen at least MIN_KNOWN_COUNT times: treated as correct spellings.
 * Rare ones are not, because the FAQ and intent files contain deliberate typos ("simpge").
 */
const MIN_KNOWN_COUNT = 3;
function trainingVocabulary(knowledge: Knowledge): string[] {
  const counts = new Map<string, number>();
  const add = (text: string) => {
    for (const w of text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  };
  for (const i of knowledge.intents) i.examples.forEach(add);
  for (const e of knowledge.faq) {
    e.questions.forEach(add);
    add(e.answer);
  }
  for (const s of knowledge.services.values()) {
    add(s.name);
    add(s.description);
    s.keywords.forEach(add);
  }
  const known = [...counts].filter(([, n]) => n >= MIN_KNOWN_COUNT).map(([w]) => w);
  return [...known, ...cueWords(knowledge)];
}

/** Every word of the cue phrases (faq/isyarat): a cue word is spelled as meant, never "corrected" ("slot" is no SLRT). */
function cueWords(knowledge: Knowledge): string[] {
  const words = new Set<string>();
  const add = (phrase: string) => phrase.split(' ').forEach((w) => w && words.add(w));
  for (const cue of knowledge.cues) {
    if (cue.pattern.kind === 'all') cue.pattern.groups.flat().forEach(add);
    else for (const slot of cue.pattern.slots) if (slot.kind === 'words') slot.words.forEach(add);
  }
  return [...words];
}

/** The normaliser for this knowledge: domain words as typo targets, training words as known. */
export function buildNormalizer(knowledge: Knowledge, lexicon: Lexicon): Normalizer {
  return new Normalizer(lexicon, {
    domainWords: domainWords(knowledge),
    knownWords: trainingVocabulary(knowledge),
    siteAddressWords: knowledge.words.siteAddressWords,
    genericAddressWords: knowledge.words.genericAddressWords,
  });
}

export function cacheKeyOf(knowledge: Knowledge, lexicon: Lexicon): string {
  return createHash('sha256')
    .update(`${knowledge.fingerprint}|${lexicon.hash}|${NLU_CODE_VERSION}`)
    .digest('hex')
    .slice(0, 20);
}

function trainModels(knowledge: Knowledge, fx: FeatureExtractor, key: string): ModelJson {
  const appNames = [...knowledge.services.values()].flatMap((s) => s.apps.map((a) => ({ service: s.id, name: a.name })));
  const typeExamples: TrainingExample[] = [];
  const serviceExamples: TrainingExample[] = [];
  let seed = 1;
  let appCursor = 0;
  for (const intent of knowledge.intents) {
    for (const example of intent.examples) {
      seed++;
      if (example.includes('{app}')) {
        for (const app of pick(appNames, 2, seed)) {
          typeExamples.push({ features: fx.extract(example.replaceAll('{app}', app.name)).typeFeatures, label: intent.type });
        }
        if (intent.type !== 'sapaan' && intent.type !== 'di_luar_layanan') {
          // Each template trains three apps in turn, so every app gets examples of every kind.
          for (let i = 0; i < 3; i++) {
            const app = appNames[(appCursor++) % appNames.length]!;
            const f = fx.extract(example.replaceAll('{app}', app.name));
            serviceExamples.push({ features: f.serviceFeatures, label: app.service, weight: 0.5 });
          }
        }
      } else {
        const f = fx.extract(example);
        typeExamples.push({ features: f.typeFeatures, label: intent.type });
        if (intent.type === 'sapaan' || intent.type === 'di_luar_layanan' || intent.type === 'minta_agen' || intent.type === 'lacak_tiket') {
          serviceExamples.push({ features: f.serviceFeatures, label: NONE });
        } else {
          // Weak supervision: an example that names exactly one service's keywords/agency trains it.
          const evidence = new Set([...f.appServices.keys(), ...f.keywordServices.keys()]);
          if (evidence.size === 1) serviceExamples.push({ features: f.serviceFeatures, label: [...evidence][0]!, weight: 0.7 });
        }
      }
    }
  }
  // Real-style messages labelled by people who never read the rules: the best evidence of how
  // users write, for the type and the service alike.
  for (const m of knowledge.labelled) {
    const f = fx.extract(m.text);
    typeExamples.push({ features: f.typeFeatures, label: m.type });
    serviceExamples.push({ features: f.serviceFeatures, label: m.service ?? NONE });
  }
  const docs: RetrievalDoc[] = [];
  for (const entry of knowledge.faq) {
    const questions: string[][] = [];
    for (const q of entry.questions) {
      const f = fx.extract(q);
      questions.push(f.retrievalFeatures);
      // A variant that reads as a report (incident/request/complaint cues, no question cue) is
      // not a question: it would teach the type classifier that reports are informasi.
      if (readsAsQuestion(f.typeFeatures)) typeExamples.push({ features: f.typeFeatures, label: 'informasi', weight: 0.5 });
      // An every-service answer's questions name no service: they say nothing about which one.
      if (!entry.forEveryService) serviceExamples.push({ features: f.serviceFeatures, label: entry.service ?? NONE });
    }
    docs.push({ ...docOf(fx, entry, questions) });
  }
  for (const s of knowledge.services.values()) {
    const texts = [s.name, s.description, ...s.keywords, ...s.apps.map((a) => `aplikasi ${a.name}`)];
    for (const t of texts) serviceExamples.push({ features: fx.extract(t).serviceFeatures, label: s.id });
  }
  addLearnedVariants(knowledge, fx, docs);
  const type = TypeClassifier.train(typeExamples, knowledge.cueWeights);
  const service = ServiceDetector.train(serviceExamples);
  const retrieval = FaqRetriever.build(docs);
  return { key, type: type.toJSON(), service: service.toJSON(), retrieval: retrieval.toJSON() };
}

/**
 * Most entries of its service whose answers hold a labelled question's facts for the question to
 * become a variant: facts that many answers hold ("simpeg") do not say which entry it asks for.
 */
const LEARNED_VARIANT_MAX_ENTRIES = 4;

/**
 * Labelled questions as question variants: a labelled informasi message with facts (`harus`)
 * joins the entry of its own service whose answer holds those facts (and none of `jangan`) and most
 * of the alternatives given for them, the one that matches it best when several do (at most
 * LEARNED_VARIANT_MAX_ENTRIES). So the FAQ learns how people really ask from the same labelled
 * messages the classifiers learn from (a cross-check on sets the model had not seen: answers
 * 0.928 -> 0.946 and 0.949 -> 0.962).
 */
function addLearnedVariants(knowledge: Knowledge, fx: FeatureExtractor, docs: RetrievalDoc[]): void {
  const base = FaqRetriever.build(docs);
  const lower = knowledge.faq.map((e) => e.answer.toLowerCase().replace(/\s+/g, ' '));
  const extra: string[][][] = docs.map(() => []);
  for (const m of knowledge.labelled) {
    if (m.type !== 'informasi' || !m.must) continue;
    const holds = (i: number) =>
      m.must!.every((g) => g.some((x) => lower[i]!.includes(x.toLowerCase()))) &&
      !(m.mustNot ?? []).flat().some((x) => lower[i]!.includes(x.toLowerCase()));
    // How many of the alternatives an answer holds: the entry that holds all four submenus a
    // labeller accepted is the one asked for, not one that mentions a single of them in passing.
    const coverage = (i: number) => m.must!.flat().filter((x) => lower[i]!.includes(x.toLowerCase())).length;
    const holding = knowledge.faq.flatMap((e, i) =>
      !e.forEveryService && (e.service ?? null) === m.service && holds(i) ? [{ i, covered: coverage(i) }] : [],
    );
    const most = Math.max(0, ...holding.map((h) => h.covered));
    const candidates = holding.filter((h) => h.covered === most).map((h) => h.i);
    const f = fx.extract(m.text).retrievalFeatures;
    if (candidates.length === 0 || candidates.length > LEARNED_VARIANT_MAX_ENTRIES || f.length === 0) continue;
    const scores = base.scoreAll(f);
    const best = candidates.reduce((a, b) => (scores[b]! > scores[a]! ? b : a));
    extra[best]!.push(f);
  }
  docs.forEach((d, i) => d.questions.push(...extra[i]!));
}

/** The retrieval document of an FAQ entry (its variants' features unless given). */
function docOf(fx: FeatureExtractor, entry: FaqEntry, questions?: string[][]): RetrievalDoc {
  // Placeholders ({jam_layanan}, {nama}) are filled when answering; they are no words of the answer.
  const answerText = entry.answer.replace(/\{[a-z_]+\}/g, ' ');
  return {
    entryId: entry.id,
    service: entry.forEveryService ? ANY_SERVICE : entry.service,
    questions: questions ?? entry.questions.map((q) => fx.extract(q).retrievalFeatures),
    answer: fx.extract(answerText).retrievalFeatures,
  };
}

function readCache(path: string, key: string): ModelJson | null {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as ModelJson;
    return json.key === key ? json : null;
  } catch {
    return null;
  }
}

/** The feature extractor of this knowledge (normaliser, domain index, word lists and cues). */
export function buildFeatureExtractor(knowledge: Knowledge, lexicon: Lexicon): FeatureExtractor {
  const normalizer = buildNormalizer(knowledge, lexicon);
  return new FeatureExtractor(normalizer, new DomainIndex(knowledge, normalizer), new NluVocabulary(knowledge), lexicon.synonyms);
}

export function createNlu(knowledge: Knowledge, lexicon: Lexicon = loadLexicon(), options: NluOptions = {}): Nlu & FaqSearch {
  const started = performance.now();
  const fx = buildFeatureExtractor(knowledge, lexicon);
  const key = cacheKeyOf(knowledge, lexicon);
  const cachePath = options.cacheDir ? join(options.cacheDir, `nlu-${key}.json`) : null;
  let json = cachePath ? readCache(cachePath, key) : null;
  const source: 'built' | 'cache' = json ? 'cache' : 'built';
  if (!json) {
    json = trainModels(knowledge, fx, key);
    if (cachePath && options.cacheDir) {
      try {
        mkdirSync(options.cacheDir, { recursive: true });
        const tmp = `${cachePath}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(json));
        renameSync(tmp, cachePath);
        // Older models (other keys) are never read again.
        for (const name of readdirSync(options.cacheDir)) {
          if (/^nlu-[0-9a-f]+\.json$/.test(name) && name !== `nlu-${key}.json`) rmSync(join(options.cacheDir, name), { force: true });
        }
      } catch {
        // A read-only cache directory only costs the rebuild next time.
      }
    }
  }
  const typeClassifier = TypeClassifier.fromJSON(json.type, knowledge.cueWeights);
  const serviceDetector = ServiceDetector.fromJSON(json.service);
  const retriever = FaqRetriever.fromJSON(json.retrieval);
  const buildInfo = { source, ms: performance.now() - started, cacheKey: key };
  const complaintService = knowledge.words.complaintService;
  const placeStems = new Set(knowledge.words.placeWords.map(stemToken));
  const naming = (stem: string, app: boolean) => placeStems.has(stem) || (app && stem.startsWith('app:'));
  /** A place word (and, with `app`, an app name) or a bigram holding one. */
  const namesThePlace = (feature: string, app: boolean) =>
    feature.startsWith('b:') ? feature.slice(2).split('_').some((p) => naming(p, app)) : naming(feature, app);

  /** The query of a message for FAQ retrieval: synonyms added, the kabupaten's name and the like left out. */
  function queryOf(f: ReturnType<FeatureExtractor['extract']>) {
    const expanded = fx.expandSynonyms(f.retrievalFeatures);
    const asked = expanded.features.filter((x) => !namesThePlace(x, false));
    // Every-service answers are matched on what is asked, without the words that name the service.
    const aspect = asked.filter((x) => !namesThePlace(x, true));
    return { asked, aspect, weights: expanded.weights, expansions: expanded.expansions };
  }

  function rankOf(r: FaqRetriever, query: ReturnType<typeof queryOf>, service: ServiceId | null, limit: number, excludeText?: number) {
    const options = { expansions: query.expansions, excludeText };
    const raw = r.scoreAll(query.asked, query.weights, options);
    return r.rank(raw, service, limit, service === null ? raw : r.scoreAll(query.aspect, query.weights, options));
  }

  function rankFaq(text: string, service: ServiceId | null, options: { limit?: number; exclude?: { entry: string; variant: number } } = {}): FaqMatch[] {
    const entryIndex = options.exclude ? knowledge.faq.findIndex((e) => e.id === options.exclude!.entry) : -1;
    const excludeText = entryIndex >= 0 ? retriever.variantText(entryIndex, options.exclude!.variant) : undefined;
    return rankOf(retriever, queryOf(fx.extract(text)), service, options.limit ?? 3, excludeText).hits.map((h) => ({ id: h.id, score: round(h.score) }));
  }

  const overlays = new WeakMap<readonly FaqEntry[], FaqRetriever>();
  function matchFaq(text: string, entries: readonly FaqEntry[], options: { service?: ServiceId | null; minScore?: number } = {}): FaqMatch | null {
    if (entries.length === 0) return null;
    let r = overlays.get(entries);
    if (!r) {
      r = FaqRetriever.build(entries.map((e) => docOf(fx, e)));
      overlays.set(entries, r);
    }
    const query = queryOf(fx.extract(text));
    let best: FaqMatch | null = null;
    if (options.service === undefined) {
      const raw = r.scoreAll(query.asked, query.weights, { expansions: query.expansions });
      raw.forEach((score, i) => {
        if (score > (best?.score ?? 0)) best = { id: entries[i]!.id, score };
      });
    } else {
      const hit = rankOf(r, query, options.service, 1).hits[0];
      if (hit) best = { id: hit.id, score: hit.score };
    }
    const found = best as FaqMatch | null;
    return found && found.score >= (options.minScore ?? FAQ_MIN_SCORE) ? { id: found.id, score: round(found.score) } : null;
  }

  /**
   * FAQ scores of a message, per entry: of the whole message and of each of its sentences that
   * asks something, the best (a sentence at SENTENCE_SHARE of its score). A long message ("Dengan
   * hormat, kami dari ... Mohon informasi, apa tujuan ...?") holds its question in one sentence,
   * and the introduction around it would drown it in a cosine. `aspect` (the scores without the
   * words that name the service) is computed only when asked for.
   */
  function faqScores(text: string, f: MessageFeatures): { asked: Float64Array; aspect: () => Float64Array } {
    const whole = queryOf(f);
    const parts: ReturnType<typeof queryOf>[] = [];
    const sentences = sentencesOf(text);
    if (sentences.length >= 2) {
      for (const sentence of sentences) {
        const g = fx.extract(sentence);
        // Only the sentences that ask: the story around a question must not find answers of its own.
        // A short question that leans on the story before it ("bedanya apa sih?") says too little.
        if ((sentence.includes('?') || fx.asks(g)) && fx.topicWords(g) >= SENTENCE_MIN_TOPIC_WORDS) parts.push(queryOf(g));
      }
    }
    const best = (words: (q: ReturnType<typeof queryOf>) => string[]) => {
      const scores = retriever.scoreAll(words(whole), whole.weights, { expansions: whole.expansions });
      for (const q of parts) {
        const part = retriever.scoreAll(words(q), q.weights, { expansions: q.expansions });
        for (let i = 0; i < scores.length; i++) scores[i] = Math.max(scores[i]!, part[i]! * SENTENCE_SHARE);
      }
      return scores;
    };
    return { asked: best((q) => q.asked), aspect: () => best((q) => q.aspect) };
  }

  const shiftPhrases = knowledge.words.topicShiftPhrases;
  /**
   * The part of a message after its last topic-shift phrase ("sekalian tanya", "oh iya"), when it
   * names a service and what comes before names only other services: "tadi sudah bayar PBB, lancar.
   * Sekalian tanya, harga cabai hari ini bisa dilihat di mana?" asks about food prices, not tax.
   */
  function focusOf(f: MessageFeatures): { text: string; features: MessageFeatures } | null {
    const toks = f.normalized.tokens;
    let cut = -1;
    for (let i = 0; i < toks.length; i++) {
      for (const m of shiftPhrases) if (m.every((w, j) => toks[i + j] === w)) cut = Math.max(cut, i + m.length);
    }
    if (cut < 0) return null;
    const tail = toks.slice(cut).join(' ');
    const head = toks.slice(0, cut).join(' ');
    const ft = fx.extract(tail);
    const fh = fx.extract(head);
    const named = (g: MessageFeatures) => new Set([...g.appServices.keys(), ...g.keywordServices.keys()]);
    const nt = named(ft);
    const nh = named(fh);
    if (fx.topicWords(ft) < FOCUS_MIN_TOPIC_WORDS || nh.size === 0 || nt.size === 0 || [...nt].some((x) => nh.has(x))) return null;
    return { text: tail, features: ft };
  }

  function understand(text: string): Understanding {
    const f = fx.extract(text);
    const focus = focusOf(f);
    if (focus !== null) return { ...understandPart(focus.text, focus.features), normalized: f.normalized.text };
    return understandPart(text, f);
  }

  function understandPart(text: string, f: MessageFeatures): Understanding {
    const scores = faqScores(text, f);
    const raw = scores.asked;
    let bestRaw = 0;
    let bestIdx = -1;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i]! > bestRaw && retriever.entryService(i) !== ANY_SERVICE) {
        bestRaw = raw[i]!;
        bestIdx = i;
      }
    }
    const types = typeClassifier.classify(f.typeFeatures, {
      ticketNumber: f.normalized.ticketNumber !== null,
      namesService: f.appServices.size > 0 || f.keywordServices.size > 0,
      nonGreetingWords: f.nonGreetingWords,
    });
    const { bareReport, bareReportKind, bareQuestion } = f;
    // "mau lapor", "saya mau ngadu": a report is coming but not what kind; ask, do not guess.
    // "gangguan", "mau lapor gangguan": that kind of report. "saya ingin bertanya": a question.
    if (bareReportKind) promoteType(types, bareReportKind);
    // "simpeg", "bapenda": only a name, someone asking about that service.
    if (f.namesOnly && types[0]!.value !== 'informasi') promoteType(types, 'informasi');
    const type = bareReport && !REPORT_TYPES.has(types[0]!.value) ? 'gangguan' : bareQuestion ? 'informasi' : types[0]!.value;

    const candidates = serviceDetector.detect(f.serviceFeatures, {
      apps: f.appServices,
      keywords: f.keywordServices,
      faq: bestIdx >= 0 ? { service: (retriever.entryService(bestIdx) as ServiceId | null) ?? NONE, score: bestRaw } : null,
    });
    const services = candidates.filter((c) => c.value !== NONE) as { value: ServiceId; score: number }[];
    /** The score of an unnamed service: the lesser of with and without its best FAQ match as evidence. */
    const unnamedScore = (value: string, score: number) => {
      if (bestIdx < 0) return score;
      const own = serviceDetector.detect(f.serviceFeatures, { apps: f.appServices, keywords: f.keywordServices, faq: null });
      return Math.min(score, own.find((c) => c.value === value)?.score ?? 0);
    };
    let service: ServiceId | null = null;
    let serviceScore = 1;
    const top = candidates[0]!;
    const named = services.find((c) => f.keywordServices.has(c.value) || f.appServices.has(c.value));
    const noEvidence = f.appServices.size === 0 && f.keywordServices.size === 0 && !serviceDetector.knows(f.serviceFeatures);
    if (NO_SERVICE_TYPES.has(type) || noEvidence || ((bareReport || bareReportKind || bareQuestion) && !named)) {
      service = null;
    } else if (CONTEXT_ONLY_TYPES.has(type)) {
      // "sambungkan ke petugas capil", "laporan soal sipepek kemarin": the service it names.
      if (named) {
        service = named.value;
        serviceScore = named.score;
      }
    } else if (type === 'keluhan' && f.appServices.size === 0 && f.keywordServices.size === 0 && complaintService !== null) {
      // A complaint about a public service the catalog does not name (a puskesmas, a village
      // office) belongs to the public-service complaint channel (SP4N-LAPOR).
      const own = candidates.find((c) => c.value === complaintService);
      service = top.value !== NONE && top.score >= 0.6 ? (top.value as ServiceId) : complaintService;
      serviceScore = service === complaintService ? Math.max(0.5, own?.score ?? 0) : top.score;
    } else if (top.value !== NONE && (named?.value === top.value || unnamedScore(top.value, top.score) >= UNNAMED_SERVICE_MIN)) {
      service = top.value;
      serviceScore = top.score;
    } else if (top.value !== NONE && !named) {
      // Weak evidence for a service the message does not name: about no service, and not sure.
      serviceScore = unnamedScore(top.value, top.score);
    } else if (named && (REPORT_TYPES.has(type) || named.score >= NAMED_SERVICE_OVER_NONE)) {
      // The message names a catalog keyword or an agency ("ktp", "bapenda"): words of a
      // complaint or report ("belum ada kabar", "pelayanannya lambat") must not make it about no
      // service; a question needs that service to be a clear candidate.
      service = named.value;
      serviceScore = named.score;
    } else {
      serviceScore = top.score;
    }

    const ranked = retriever.rank(raw, service, 3, service === null ? raw : scores.aspect());
    const faqCandidates = ranked.hits.filter((h) => h.score >= FAQ_MIN_SCORE).map((h) => ({ id: h.id, score: round(h.score) }));
    let faq = faqCandidates[0] ?? null;
    // Only "I have a question" and no service named: the answer that lists the services.
    if (bareQuestion && service === null) faq = { id: knowledge.words.openQuestionEntry, score: 1 };

    let ambiguity: Understanding['ambiguity'] = null;
    const [s1, s2] = services;
    // Close scores, or one app name shared by both services with no keyword telling them apart.
    const sharedApp =
      s1 !== undefined && s2 !== undefined && f.appServices.has(s1.value) && f.appServices.has(s2.value) &&
      !f.keywordServices.has(s1.value) && !f.keywordServices.has(s2.value);
    if (service !== null && s1 && s2 && (sharedApp || (s1.score - s2.score < AMBIGUITY_MARGIN && s2.score >= 0.2))) {
      ambiguity = { kind: 'service', candidates: [s1.value, s2.value] };
    }
    if (bareReport) {
      ambiguity = { kind: 'type', candidates: [...REPORT_TYPES, 'minta_agen'] };
    } else if (!ambiguity && !bareReportKind && types.length >= 2 && types[0]!.score - types[1]!.score < AMBIGUITY_MARGIN / 2) {
      ambiguity = { kind: 'type', candidates: [types[0]!.value, types[1]!.value] };
    }
    const agency = service ? (knowledge.services.get(service)?.owners[0] ?? null) : null;
    return {
      normalized: f.normalized.text,
      type,
      types: types.map((t) => ({ value: t.value, score: round(t.score) })),
      service,
      serviceNamed: service !== null && (f.appServices.has(service) || f.keywordServices.has(service)),
      services: services.filter((s) => s.score >= 0.01).slice(0, 5).map((s) => ({ value: s.value, score: round(s.score) })),
      agency,
      faq,
      faqCandidates: faq && bareQuestion && service === null ? [faq] : faqCandidates,
      ticketNumber: f.normalized.ticketNumber,
      confidence: round(types[0]!.score * serviceScore),
      ambiguity,
    };
  }

  return { understand, rankFaq, matchFaq, buildInfo };
}

/** Puts `value` first among the type candidates, at least at BARE_REPORT_KIND_SCORE. */
function promoteType(types: { value: MessageType; score: number }[], value: MessageType): void {
  const found = types.find((t) => t.value === value)!;
  types.splice(types.indexOf(found), 1);
  types.unshift({ value, score: Math.max(found.score, BARE_REPORT_KIND_SCORE) });
}

/** Words the part after a topic-shift phrase must say about its topic to be understood on its own. */
const FOCUS_MIN_TOPIC_WORDS = 3;
/** Words a question sentence must say about its topic to be scored on its own. */
const SENTENCE_MIN_TOPIC_WORDS = 3;
/** Share of its score a single sentence keeps against the whole message. */
const SENTENCE_SHARE = 0.9;
/** Sentences worth scoring on their own: at least MIN_SENTENCE_WORDS words, at most MAX_SENTENCES. */
const MIN_SENTENCE_WORDS = 3;
const MAX_SENTENCES = 8;
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= MIN_SENTENCE_WORDS)
    .slice(-MAX_SENTENCES);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export { loadLexicon } from './lexicon';
export type { Lexicon } from './lexicon';
