/** What the core holders need: the main store, the privacy port, and the attachment files. */
import type { Store } from '../../store/port';
import type { PersonalDataStore } from '../port';

/** The attachment files under DATA_DIR (src/attachments/file-attachment-store.ts). */
export interface AttachmentFiles {
  exists(storageKey: string): boolean;
  /** true when the file was there and is now gone. */
  remove(storageKey: string): boolean;
  /** Keys of the files last written before `before`. */
  olderThan(before: number): string[];
}

export interface CoreHolderDeps {
  store: Store;
  pds: PersonalDataStore;
  files: AttachmentFiles;
}

/** Runs of at most this many records per store call. */
export const BATCH = 200;
