/**
 * Schema of the embedded store, versioned with SQLite's `user_version` pragma. Append new steps;
 * never edit a step that has shipped. Documents are JSON text; the columns beside them exist only
 * for what is queried or must be unique.
 */
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: initial schema
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    agency TEXT,
    version INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    last_message_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE UNIQUE INDEX conversations_thread ON conversations (channel, thread_id);
  -- Not on last_message_at: it changes with every message (hot path); lists filter then sort.
  CREATE INDEX conversations_owner ON conversations (owner);
  CREATE INDEX conversations_agency ON conversations (agency);

  CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    channel TEXT,
    external_id TEXT,
    state TEXT,
    at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE UNIQUE INDEX entries_seq ON entries (conversation_id, seq);
  -- De-duplication of inbound messages: kept as long as the transcript.
  CREATE UNIQUE INDEX entries_external ON entries (channel, external_id) WHERE external_id IS NOT NULL;
  CREATE INDEX entries_pending_conv ON entries (conversation_id, seq) WHERE state = 'pending';
  CREATE INDEX entries_pending_at ON entries (at) WHERE state = 'pending';

  CREATE TABLE tickets (
    number TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL,
    status TEXT NOT NULL,
    category TEXT NOT NULL,
    service TEXT,
    agency TEXT NOT NULL,
    reporter_conversation_id TEXT NOT NULL,
    due_at INTEGER,
    created_at INTEGER NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE UNIQUE INDEX tickets_idempotency ON tickets (idempotency_key);
  CREATE INDEX tickets_status ON tickets (status, created_at);
  CREATE INDEX tickets_category ON tickets (category, created_at);
  CREATE INDEX tickets_service ON tickets (service, created_at);
  CREATE INDEX tickets_agency ON tickets (agency, created_at);
  CREATE INDEX tickets_reporter ON tickets (reporter_conversation_id, created_at);
  CREATE INDEX tickets_due ON tickets (due_at) WHERE due_at IS NOT NULL;
  CREATE INDEX tickets_created ON tickets (created_at);

  -- Primary agency and co-agencies of each ticket (scope queries).
  CREATE TABLE ticket_agencies (
    agency TEXT NOT NULL,
    number TEXT NOT NULL,
    PRIMARY KEY (agency, number)
  ) WITHOUT ROWID;
  CREATE INDEX ticket_agencies_number ON ticket_agencies (number);

  CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE officers (
    id TEXT PRIMARY KEY,
    email_lower TEXT NOT NULL,
    agency TEXT NOT NULL,
    role TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE UNIQUE INDEX officers_email ON officers (email_lower);
  CREATE INDEX officers_agency_role ON officers (agency, role);
  CREATE INDEX officers_role ON officers (role);

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    target TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX audit_target ON audit (target, at);
  CREATE INDEX audit_actor ON audit (actor, at);
  CREATE INDEX audit_at ON audit (at);

  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX deliveries_status ON deliveries (status, updated_at);
  CREATE INDEX deliveries_updated ON deliveries (updated_at);

  CREATE TABLE docs (
    collection TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (collection, key)
  ) WITHOUT ROWID;
  `,
  // 2: service operations (src/operations): monitor checks, states, day counts, incidents
  `
  CREATE TABLE monitor_checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service TEXT NOT NULL,
    at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX monitor_checks_service ON monitor_checks (service, at);
  CREATE INDEX monitor_checks_at ON monitor_checks (at);

  CREATE TABLE monitor_states (
    service TEXT PRIMARY KEY,
    doc TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE monitor_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service TEXT NOT NULL,
    at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX monitor_events_service ON monitor_events (service, at);
  CREATE INDEX monitor_events_at ON monitor_events (at);

  CREATE TABLE monitor_days (
    service TEXT NOT NULL,
    day TEXT NOT NULL,
    checks INTEGER NOT NULL,
    ups INTEGER NOT NULL,
    PRIMARY KEY (service, day)
  ) WITHOUT ROWID;
  CREATE INDEX monitor_days_day ON monitor_days (day);

  CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    service TEXT NOT NULL,
    state TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    resolved_at INTEGER,
    doc TEXT NOT NULL
  );
  -- At most one open incident per service, whichever process opens it.
  CREATE UNIQUE INDEX incidents_open_service ON incidents (service) WHERE state = 'open';
  CREATE INDEX incidents_started ON incidents (started_at);
  CREATE INDEX incidents_service ON incidents (service, started_at);

  CREATE TABLE incident_events (
    id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    public INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX incident_events_incident ON incident_events (incident_id, seq);

  -- A ticket belongs to at most one incident.
  CREATE TABLE incident_links (
    ticket TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX incident_links_incident ON incident_links (incident_id, seq);

  CREATE TABLE incident_notices (
    incident_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (incident_id, conversation_id)
  ) WITHOUT ROWID;
  `,
  // 3: evaluation reports and knowledge management (src/reports, src/knowledge)
  `
  -- Who wrote each transcript entry, as a column the index below covers: message and
  -- conversation counts of a period never read the JSON documents.
  ALTER TABLE entries ADD COLUMN sender TEXT GENERATED ALWAYS AS (json_extract(doc, '$.from')) VIRTUAL;
  CREATE INDEX entries_at_sender ON entries (at, conversation_id, sender);

  -- What the bot could not do on its own: hand-offs, unanswered, low-confidence and
  -- "not helpful" questions (text masked of personal numbers; normalized for grouping).
  CREATE TABLE bot_events (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    conversation_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    agency TEXT,
    service TEXT,
    normalized TEXT,
    doc TEXT NOT NULL
  );
  CREATE INDEX bot_events_at ON bot_events (at, kind);
  CREATE INDEX bot_events_conversation ON bot_events (conversation_id, kind, at);

  -- FAQ entries written in the console: a working copy, the live (published) copy, and every
  -- published version (audit trail). The bot's freshness check reads counter 'knowledge-published'.
  CREATE TABLE knowledge_entries (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    revision INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX knowledge_entries_state ON knowledge_entries (state, updated_at);
  CREATE TABLE knowledge_versions (
    entry_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    at INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (entry_id, version)
  ) WITHOUT ROWID;

  -- Monthly digests already sent to an agency's Telegram group (each is sent once).
  CREATE TABLE report_digests (
    month TEXT NOT NULL,
    agency TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (month, agency)
  ) WITHOUT ROWID;
  `,
  // 4: reports count messages per conversation and day instead of scanning every message (a
  // year of 2,000,000 messages took seconds through the index of step 3, which goes).
  `
  DROP INDEX entries_at_sender;
  ALTER TABLE entries DROP COLUMN sender;

  -- Messages per conversation and day (WIB), kept by triggers as entries come and go, so the
  -- conversation and message figures of a period read one row per conversation-day instead of
  -- every message (a busy year has millions).
  CREATE TABLE conversation_days (
    day INTEGER NOT NULL,
    conversation_id TEXT NOT NULL,
    channel TEXT,
    user INTEGER NOT NULL,
    bot INTEGER NOT NULL,
    agent INTEGER NOT NULL,
    PRIMARY KEY (day, conversation_id)
  ) WITHOUT ROWID;
  INSERT INTO conversation_days (day, conversation_id, channel, user, bot, agent)
    SELECT (e.at + 25200000) / 86400000, e.conversation_id, c.channel,
           sum(e.doc ->> '$.from' = 'user'), sum(e.doc ->> '$.from' = 'bot'), sum(e.doc ->> '$.from' = 'agent')
    FROM entries e JOIN conversations c ON c.id = e.conversation_id
    GROUP BY 1, 2;
  CREATE TRIGGER conversation_days_insert AFTER INSERT ON entries BEGIN
    INSERT INTO conversation_days (day, conversation_id, channel, user, bot, agent)
      SELECT d, NEW.conversation_id, (SELECT channel FROM conversations WHERE id = NEW.conversation_id), f = 'user', f = 'bot', f = 'agent'
      FROM (SELECT (NEW.at + 25200000) / 86400000 AS d, NEW.doc ->> '$.from' AS f) WHERE true
      ON CONFLICT (day, conversation_id) DO UPDATE SET user = user + excluded.user, bot = bot + excluded.bot, agent = agent + excluded.agent;
  END;
  CREATE TRIGGER conversation_days_delete AFTER DELETE ON entries BEGIN
    UPDATE conversation_days SET
      user = user - (OLD.doc ->> '$.from' = 'user'),
      bot = bot - (OLD.doc ->> '$.from' = 'bot'),
      agent = agent - (OLD.doc ->> '$.from' = 'agent')
    WHERE day = (OLD.at + 25200000) / 86400000 AND conversation_id = OLD.conversation_id;
  END;
  `,
  // 5: full-text search for the console (src/store/sqlite/ticket-search.ts). Two contentless FTS5
  // indexes keyed by rowid, kept in sync by triggers: ticket summary + description, and the texts
  // of user and officer messages (bot replies repeat themselves and are not indexed). Contentless
  // with delete support stores no copy of the text; secure-delete removes an erased text's tokens
  // from the index at once instead of at the next merge (personal data).
  `
  CREATE VIRTUAL TABLE ticket_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
  INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('secure-delete', 1);
  INSERT INTO ticket_fts (rowid, text) SELECT rowid, coalesce(doc ->> '$.summary', '') || ' ' || coalesce(doc ->> '$.description', '') FROM tickets;
  CREATE TRIGGER ticket_fts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_fts (rowid, text) VALUES (NEW.rowid, coalesce(NEW.doc ->> '$.summary', '') || ' ' || coalesce(NEW.doc ->> '$.description', ''));
  END;
  CREATE TRIGGER ticket_fts_update AFTER UPDATE OF doc ON tickets
    WHEN (OLD.doc ->> '$.summary') IS NOT (NEW.doc ->> '$.summary') OR (OLD.doc ->> '$.description') IS NOT (NEW.doc ->> '$.description') BEGIN
    DELETE FROM ticket_fts WHERE rowid = OLD.rowid;
    INSERT INTO ticket_fts (rowid, text) VALUES (NEW.rowid, coalesce(NEW.doc ->> '$.summary', '') || ' ' || coalesce(NEW.doc ->> '$.description', ''));
  END;
  CREATE TRIGGER ticket_fts_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM ticket_fts WHERE rowid = OLD.rowid;
  END;

  CREATE VIRTUAL TABLE entry_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
  INSERT INTO entry_fts (entry_fts, rank) VALUES ('secure-delete', 1);
  INSERT INTO entry_fts (rowid, text)
    SELECT rowid, doc ->> '$.text' FROM entries WHERE doc ->> '$.from' IN ('user', 'agent') AND coalesce(doc ->> '$.text', '') <> '';
  CREATE TRIGGER entry_fts_insert AFTER INSERT ON entries
    WHEN NEW.doc ->> '$.from' IN ('user', 'agent') AND coalesce(NEW.doc ->> '$.text', '') <> '' BEGIN
    INSERT INTO entry_fts (rowid, text) VALUES (NEW.rowid, NEW.doc ->> '$.text');
  END;
  CREATE TRIGGER entry_fts_update AFTER UPDATE OF doc ON entries
    WHEN (OLD.doc ->> '$.text') IS NOT (NEW.doc ->> '$.text') OR (OLD.doc ->> '$.from') IS NOT (NEW.doc ->> '$.from') BEGIN
    DELETE FROM entry_fts WHERE rowid = OLD.rowid;
    INSERT INTO entry_fts (rowid, text) SELECT NEW.rowid, NEW.doc ->> '$.text'
      WHERE NEW.doc ->> '$.from' IN ('user', 'agent') AND coalesce(NEW.doc ->> '$.text', '') <> '';
  END;
  CREATE TRIGGER entry_fts_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entry_fts WHERE rowid = OLD.rowid;
  END;

  -- "Tiket saya" and the priority filter of the ticket list.
  ALTER TABLE tickets ADD COLUMN assignee TEXT GENERATED ALWAYS AS (doc ->> '$.assignee') VIRTUAL;
  ALTER TABLE tickets ADD COLUMN priority TEXT GENERATED ALWAYS AS (doc ->> '$.priority') VIRTUAL;
  CREATE INDEX tickets_assignee ON tickets (assignee, created_at) WHERE assignee IS NOT NULL;
  CREATE INDEX tickets_priority ON tickets (priority, created_at);
  `,
  // 6: the console's contact view (src/officers/contact-view.ts): a person's other conversations
  // and tickets found by the contact (phone, e-mail) they gave, as stored.
  `
  ALTER TABLE conversations ADD COLUMN contact TEXT GENERATED ALWAYS AS (doc ->> '$.identity.contact') VIRTUAL;
  CREATE INDEX conversations_contact ON conversations (contact);
  ALTER TABLE tickets ADD COLUMN reporter_contact TEXT GENERATED ALWAYS AS (doc ->> '$.reporter.contact') VIRTUAL;
  CREATE INDEX tickets_reporter_contact ON tickets (reporter_contact, created_at);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file to SCHEMA_VERSION. Runs under an IMMEDIATE transaction so two processes opening
 * the same file at once migrate it once; a file from a newer version of the program is refused.
 */
export function migrate(db: Database.Database): void {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `Berkas basis data memakai skema versi ${current}, lebih baru dari versi program ini (${SCHEMA_VERSION}). Perbarui aplikasinya.`,
      );
    }
    for (let v = current; v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  run.immediate();
}
