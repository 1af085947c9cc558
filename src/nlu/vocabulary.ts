/**
 * The word lists and cues of the understanding, from faq/pemahaman.yaml and faq/isyarat/ (loaded
 * and validated with the knowledge), in the form the feature extractor uses: stems where words are
 * compared after stemming, compiled cue patterns.
 */
import type { ReportType } from '../domain/ids';
import type { Knowledge } from '../knowledge/types';
import { CueMatcher } from './cues';
import { ContentWords, stemToken } from './tokens';

export class NluVocabulary {
  readonly content: ContentWords;
  readonly cues: CueMatcher;
  /** Words that, alone, make a message a greeting / thanks / goodbye. */
  readonly greetings: ReadonlySet<string>;
  /** Stems of question words: they weigh less in FAQ retrieval. */
  readonly questionStems: ReadonlySet<string>;
  /** Stems of the act of reporting: never service evidence. */
  readonly actOfReportingStems: ReadonlySet<string>;
  /** Stems of reporting in general, and the words that may surround them in a bare announcement. */
  readonly reportStems: ReadonlySet<string>;
  readonly bareReportWords: ReadonlySet<string>;
  /** Word -> the kind of report it names ("gangguan" -> gangguan). */
  readonly reportKinds: ReadonlyMap<string, ReportType>;
  /** Stems of asking in general, and the words that may surround them in a bare "I have a question". */
  readonly askStems: ReadonlySet<string>;
  readonly bareQuestionWords: ReadonlySet<string>;
  /** Words of thanking: "terima kasih infonya" thanks for an answer, it announces no question. */
  readonly thanksWords: ReadonlySet<string>;

  constructor(knowledge: Pick<Knowledge, 'words' | 'cues'>) {
    const w = knowledge.words;
    const stems = (words: readonly string[]) => new Set(words.map(stemToken));
    this.content = new ContentWords(w.fillerWords, w.intentWords);
    this.cues = new CueMatcher(knowledge.cues);
    this.greetings = new Set(w.greetingWords);
    this.questionStems = stems(w.questionWords);
    this.actOfReportingStems = stems(w.actOfReportingWords);
    this.reportStems = stems(w.reportWords);
    this.bareReportWords = new Set(w.bareReportWords);
    this.reportKinds = new Map(Object.entries(w.reportKindWords).flatMap(([kind, words]) => (words ?? []).map((word) => [word, kind as ReportType] as const)));
    this.askStems = stems(w.askWords);
    this.bareQuestionWords = new Set(w.bareQuestionWords);
    this.thanksWords = new Set(w.thanksWords);
  }
}
