/**
 * The registry of "holders of personal data": every part of the service that stores something
 * about a person registers one holder with three jobs: export what it holds about a person,
 * erase (remove or anonymise) it, and apply its retention period (flows/retensi.yaml).
 * The core holders live in src/privacy/holders/; other parts (incidents, knowledge gaps, the
 * search index...) register theirs in src/app/privacy-module.ts, so the CLIs and the
 * scheduled job cover them too.
 */
import type { Conversation } from '../store/port';
import type { Subject } from './contact';
import type { EntryHit } from './port';
import type { RetentionPolicy } from './retention-policy';

/** Everything known about the person of a request, resolved once before any holder runs. */
export interface SubjectScope {
  /** The contact the request names. */
  subject: Subject;
  /** That contact and the others found in their own records (an e-mail given in a report). */
  contacts: Subject[];
  /** Finds any of `contacts` in free text (a regular expression, case-insensitive). */
  pattern: string;
  /** Their conversations as they were before the erasure started (thread ids, identities). */
  conversations: Conversation[];
  /** Ticket numbers they reported. */
  ticketNumbers: string[];
  /** Messages in other people's conversations that mention them (phone, e-mail, Telegram id). */
  mentions: EntryHit[];
  /** Their names as platforms and reports gave them. */
  names: string[];
  /** Removes their data (and any NIK/NIP/phone/e-mail) from a free text. */
  scrub(text: string): string;
  /** Attachment files whose references an erasure removed; deleted at the end if unreferenced. */
  released: Set<string>;
  now: number;
}

/** One retention run of the scheduled job. */
export interface RetentionRun {
  policy: RetentionPolicy;
  now: number;
  /** The instant before which data of `key` (a masa_simpan name) is past its period. */
  cutoff(key: string): number;
  /**
   * Conversations and tickets anonymised earlier in this run, with the names their people had
   * (holders mirroring them, e.g. knowledge gaps or a search index, clean or drop them too).
   */
  anonymisedConversations: { id: string; names: string[] }[];
  anonymisedTickets: string[];
  /** Attachment files whose references this run removed. */
  released: Set<string>;
}

/** What a holder changed; `summary` is an Indonesian line for the operator ("2 tiket dianonimkan"). */
export interface HolderChange {
  count: number;
  summary: string;
}

export interface PersonalDataHolder {
  /** Key of this holder's part in the export JSON (e.g. 'percakapan'). */
  id: string;
  /** Indonesian name for reports ("percakapan dan transkrip"). */
  label: string;
  /** Holders run in ascending order (default 50); attachment files last (90). */
  order?: number;
  /** Name under masa_simpan in flows/retensi.yaml (its period must be in the file). */
  retentionKey?: string;
  export(scope: SubjectScope): Promise<unknown>;
  erase(scope: SubjectScope): Promise<HolderChange>;
  retain?(run: RetentionRun): Promise<HolderChange>;
}

export class PrivacyRegistry {
  private readonly list: PersonalDataHolder[] = [];

  register(holder: PersonalDataHolder): this {
    if (this.list.some((h) => h.id === holder.id)) throw new Error(`privacy holder '${holder.id}' registered twice`);
    this.list.push(holder);
    return this;
  }

  /** In running order. */
  holders(): PersonalDataHolder[] {
    return this.list.map((h, i) => ({ h, i })).sort((a, b) => (a.h.order ?? 50) - (b.h.order ?? 50) || a.i - b.i).map((x) => x.h);
  }

  /** The masa_simpan names flows/retensi.yaml must define. */
  retentionKeys(): string[] {
    return [...new Set(this.list.filter((h) => h.retentionKey).map((h) => h.retentionKey!))];
  }
}

/** "3 percakapan" / "tidak ada percakapan". */
export function counted(n: number, noun: string): string {
  return n === 0 ? `tidak ada ${noun}` : `${n} ${noun}`;
}
