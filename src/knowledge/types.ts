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
  /** Hash of every file's content: the NLU cache key. */
  fingerprint: string;
}
