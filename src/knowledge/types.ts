import type { AgencyId, Channel, MessageType, ReportType, ServiceId, ServiceKind } from '../domain/ids';

export interface Agency {
  id: AgencyId;
  name: string;
  shortName: string;
  aliases: string[];
}

export interface ServiceApp {
  name: string;
  url: string | null;
  aliases: string[];
}

export interface Availability {
  value: string;
  note: string;
  /** true when the catalog's configurable default applies (the documents give no value). */
  isDefault: boolean;
}

/** One entry of the katalog layanan (guideline BAB V A.d) plus what the helpdesk needs. */
export interface Service {
  id: ServiceId;
  name: string;
  kind: ServiceKind;
  description: string;
  apps: ServiceApp[];
  provider: AgencyId;
  /** Owners in order; owners[0] is the primary agency tickets are routed to. */
  owners: AgencyId[];
  technicalManager: string;
  access: string;
  availability: Availability;
  keywords: string[];
  source: string;
}

/** A civil-service grade: major 1..4 (I..IV), minor a..e. */
export interface Grade {
  major: number;
  minor: string;
}

export interface FaqEntry {
  id: string;
  /** The service the answer is about; null: the helpdesk's own ground, or every service (see below). */
  service: ServiceId | null;
  /** An answer that holds for every service: its text uses the service placeholders ({nama}, ...). */
  forEveryService?: boolean;
  /** Short title for "which of these did you mean?" options. */
  title?: string;
  questions: string[];
  /** May hold placeholders (see answer-placeholders.ts), filled when the answer is given. */
  answer: string;
  /** Direct answers for a range of grades, given first when the question names a grade. */
  details?: { from: Grade; to: Grade; answer: string }[];
  source: string;
  /** File the entry came from (for error messages and reviews). */
  file: string;
}

export interface IntentExamples {
  type: MessageType;
  examples: string[];
  file: string;
}

/** A labelled real-style message (faq/contoh-berlabel/): training data for type and service. */
export interface LabelledMessage {
  text: string;
  channel?: Channel;
  type: MessageType;
  service: ServiceId | null;
  /** Groups of alternatives a right answer holds one of each (may be absent). */
  must?: string[][];
  mustNot?: string[][];
  /** File and line (1-based), for error messages and reviews. */
  file: string;
  line: number;
}

/** Everything loaded from faq/, validated and cross-checked. */
export interface Knowledge {
  agencies: Map<AgencyId, Agency>;
  services: Map<ServiceId, Service>;
  faq: FaqEntry[];
  intents: IntentExamples[];
  labelled: LabelledMessage[];
  /** Cue phrases per message type (faq/isyarat/), and the prior weight of each type's cues. */
  cues: CueDefinition[];
  cueWeights: Partial<Record<MessageType, number>>;
  /** Deployment words and ids of the understanding (faq/pemahaman.yaml). */
  words: UnderstandingWords;
  /** Agency that receives what belongs to no single agency (agencies.yaml `koordinator`). */
  coordinatorAgency: AgencyId;
  /** Hash of every file's content: the NLU cache key. */
  fingerprint: string;
}

/** One slot of a cue sequence: alternatives (required or optional) or a gap of up to N words. */
export type CueSlot = { kind: 'words'; words: string[]; optional: boolean } | { kind: 'gap'; max: number };

/**
 * A cue of faq/isyarat/<jenis>.yaml: a phrase pattern that generalises across messages
 * ("tidak bisa" + login, "belum ada kabar"). `sequence`: slots in order; `all`: every group
 * somewhere in the message.
 */
export interface CueDefinition {
  type: MessageType;
  name: string;
  pattern: { kind: 'sequence'; slots: CueSlot[] } | { kind: 'all'; groups: string[][] };
  /** Messages that must fire the cue, and messages that must not (checked by the tests). */
  examples: string[];
  counterExamples: string[];
  file: string;
}

/** faq/pemahaman.yaml, see its schema for what each list means. */
export interface UnderstandingWords {
  complaintService: ServiceId | null;
  siteAddressWords: string[];
  genericAddressWords: string[];
  genericNameWords: string[];
  placeWords: string[];
  greetingWords: string[];
  fillerWords: string[];
  intentWords: string[];
  questionWords: string[];
  reportWords: string[];
  actOfReportingWords: string[];
  bareReportWords: string[];
  /** Words naming each kind of report. */
  reportKindWords: Partial<Record<ReportType, string[]>>;
  askWords: string[];
  bareQuestionWords: string[];
  /** Words of thanking (kata_terima_kasih). */
  thanksWords: string[];
  /** Phrases (as word lists) after which a message turns to a new topic (penanda_topik_baru). */
  topicShiftPhrases: string[][];
  /** FAQ entry that answers a message that only announces a question. */
  openQuestionEntry: string;
}
