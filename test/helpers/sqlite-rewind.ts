/**
 * Turns a current SQLite store file back into the file an older version of the program left, so
 * a test can check that opening it migrates it (src/store/sqlite/migrations.ts). One undo script
 * per migration step; a new step adds its undo here.
 */
import type Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations';

/** UNDO[v] undoes step v (the migration that brought the file from version v - 1 to v). */
const UNDO: Record<number, string> = {
  4: `DROP TRIGGER conversation_days_insert; DROP TRIGGER conversation_days_delete; DROP TABLE conversation_days;
      ALTER TABLE entries ADD COLUMN sender TEXT GENERATED ALWAYS AS (json_extract(doc, '$.from')) VIRTUAL;
      CREATE INDEX entries_at_sender ON entries (at, conversation_id, sender);`,
  5: `DROP TRIGGER ticket_fts_insert; DROP TRIGGER ticket_fts_update; DROP TRIGGER ticket_fts_delete;
      DROP TRIGGER entry_fts_insert; DROP TRIGGER entry_fts_update; DROP TRIGGER entry_fts_delete;
      DROP TABLE ticket_fts; DROP TABLE entry_fts; DROP INDEX tickets_assignee; DROP INDEX tickets_priority;
      ALTER TABLE tickets DROP COLUMN assignee; ALTER TABLE tickets DROP COLUMN priority;`,
  6: `DROP INDEX conversations_contact; DROP INDEX tickets_reporter_contact;
      ALTER TABLE conversations DROP COLUMN contact; ALTER TABLE tickets DROP COLUMN reporter_contact;`,
};

/** Undoes the steps after `version`, newest first, and sets the file's version to it. */
export function rewindTo(db: Database.Database, version: number): void {
  for (let v = SCHEMA_VERSION; v > version; v--) {
    const undo = UNDO[v];
    if (!undo) throw new Error(`no undo script for migration step ${v} (test/helpers/sqlite-rewind.ts)`);
    db.exec(undo);
  }
  db.pragma(`user_version = ${version}`);
}
