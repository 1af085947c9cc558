import type { AgencyId, MessageType, ServiceId, ServiceKind } from '../domain/ids';

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

export interface FaqEntry {
  id: string;
  service: ServiceId | null;
  questions: string[];
  answer: string;
  source: string;
  /** File the entry came from (for error messages and reviews). */
  file: string;
}

export interface IntentExamples {
  type: MessageType;
  examples: string[];
  file: string;
}

/** Everything loaded from faq/, validated and cross-checked. */
export interface Knowledge {
  agencies: Map<AgencyId, Agency>;
  services: Map<ServiceId, Service>;
  faq: FaqEntry[];
  intents: IntentExamples[];
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
  greetingWords: string[];
  fillerWords: string[];
  intentWords: string[];
  questionWords: string[];
  reportWords: string[];
  actOfReportingWords: string[];
  bareReportWords: string[];
  askWords: string[];
  bareQuestionWords: string[];
}
