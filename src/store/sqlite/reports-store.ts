/**
 * Facts for the evaluation reports from the embedded store. Every read is an indexed range (tickets
 * by created_at, entries by (at, conversation_id, sender), bot events by at) taken in chunks
 * that are read whole before the next await, so a year's report neither holds the connection
 * across awaits nor blocks the process for its whole duration.
 */
import type Database from 'better-sqlite3';
import type { Channel } from '../../domain/ids';
import type { BotEventKind } from '../../knowledge/port';
import type { ConversationFact, PeriodQuery, ReportsStore, SurveyComment, TicketFact, TicketQuery, Transition } from '../../reports/port';
import { CLOSED_TICKET_STATUSES } from '../port';
import { inJson, type Params, SqliteAccess, yieldToLoop } from './sqlite-access';

const TICKET_PAGE = 2000;
const DAY = 86_400_000;
const ID_BATCH = 500;

interface TicketFactRow {
  rid: number;
  number: string;
  category: string;
  status: string;
  service: string | null;
  agency: string;
  created_at: number;
  priority: string;
  channel: string;
  updated_at: number;
  response_due: number;
  resolve_due: number;
  paused_ms: number | null;
  paused_since: number | null;
  rating: number | null;
  transitions: string;
}

/** WHERE clauses of a ticket query (scope and service) besides the period. */
function ticketScope(query: Pick<TicketQuery, 'agencies' | 'service'>, where: string[], params: Params): void {
  if (query.service !== null) {
    where.push('t.service = ?');
    params.push(query.service);
  }
  if (query.agencies !== null) {
    where.push(`t.number IN (SELECT number FROM ticket_agencies WHERE ${inJson('agency')})`);
    params.push(JSON.stringify(query.agencies));
  }
}

export class SqliteReportsStore implements ReportsStore {
  private readonly db: SqliteAccess;

  constructor(database: () => Database.Database) {
    this.db = new SqliteAccess(database);
  }

  async init(): Promise<void> {
    // The schema is created by the migrations when the main store opens.
  }

  async *ticketFacts(query: TicketQuery): AsyncIterable<TicketFact> {
    // Keyset pages over the (created_at, rowid) order of the tickets_created index.
    let cursor: [number, number] = [query.from, -1];
    for (;;) {
      const where = ['(t.created_at, t.rowid) > (?, ?)', 't.created_at < ?'];
      const params: Params = [cursor[0], cursor[1], query.to];
      ticketScope(query, where, params);
      params.push(TICKET_PAGE);
      const rows = this.db.run(
        () =>
          this.db
            .q(
              `SELECT t.rowid AS rid, t.number, t.category, t.status, t.service, t.agency, t.created_at,
                 t.doc ->> '$.priority' AS priority,
                 t.doc ->> '$.reporter.channel' AS channel,
                 t.doc ->> '$.updatedAt' AS updated_at,
                 t.doc ->> '$.sla.responseDueAt' AS response_due,
                 t.doc ->> '$.sla.resolveDueAt' AS resolve_due,
                 t.doc ->> '$.sla.pausedMs' AS paused_ms,
                 t.doc ->> '$.sla.pausedSince' AS paused_since,
                 t.doc ->> '$.survey.rating' AS rating,
                 (SELECT json_group_array(json_array(h.value ->> '$.at', h.value ->> '$.from', h.value ->> '$.to'))
                    FROM json_each(t.doc, '$.history') h WHERE h.value ->> '$.action' = 'status') AS transitions
               FROM tickets t WHERE ${where.join(' AND ')}
               ORDER BY t.created_at, t.rowid LIMIT ?`,
            )
            .all(...params) as TicketFactRow[],
      );
      for (const r of rows) yield toFact(r);
      if (rows.length < TICKET_PAGE) return;
      const last = rows[rows.length - 1]!;
      cursor = [last.created_at, last.rid];
      await yieldToLoop();
    }
  }

  async *conversationFacts(query: PeriodQuery): AsyncIterable<ConversationFact> {
    // Messages per conversation and sender, one day at a time (an indexed range each).
    const counts = new Map<string, { user: number; bot: number; agent: number }>();
    for (let start = query.from; start < query.to; start += DAY) {
      const end = Math.min(query.to, start + DAY);
      const rows = this.db.run(
        () =>
          this.db
            .q('SELECT conversation_id AS id, sender, count(*) AS n FROM entries WHERE at >= ? AND at < ? GROUP BY conversation_id, sender')
            .all(start, end) as { id: string; sender: string | null; n: number }[],
      );
      for (const r of rows) {
        let c = counts.get(r.id);
        if (!c) counts.set(r.id, (c = { user: 0, bot: 0, agent: 0 }));
        if (r.sender === 'user' || r.sender === 'bot' || r.sender === 'agent') c[r.sender] += r.n;
      }
      await yieldToLoop();
    }
    const withTicket = new Set(
      this.db.run(() =>
        (this.db.q('SELECT DISTINCT reporter_conversation_id AS id FROM tickets WHERE created_at >= ? AND created_at < ?').all(query.from, query.to) as { id: string }[]).map((r) => r.id),
      ),
    );
    const handedOff = new Set(
      this.db.run(() =>
        (this.db.q(`SELECT DISTINCT conversation_id AS id FROM bot_events WHERE at >= ? AND at < ? AND kind = 'handoff'`).all(query.from, query.to) as { id: string }[]).map((r) => r.id),
      ),
    );
    const ids = [...counts.keys()];
    for (let i = 0; i < ids.length; i += ID_BATCH) {
      const batch = ids.slice(i, i + ID_BATCH);
      const rows = this.db.run(
        () =>
          this.db
            .q(`SELECT id, channel, agency, doc ->> '$.service' AS service FROM conversations WHERE ${inJson('id')}`)
            .all(JSON.stringify(batch)) as { id: string; channel: string; agency: string | null; service: string | null }[],
      );
      for (const r of rows) {
        const c = counts.get(r.id)!;
        yield { channel: r.channel as Channel, agency: r.agency, service: r.service, ...c, ticket: withTicket.has(r.id), handoff: handedOff.has(r.id) };
      }
      await yieldToLoop();
    }
  }

  async botEventCounts(query: TicketQuery): Promise<Partial<Record<BotEventKind, number>>> {
    const where = ['at >= ?', 'at < ?'];
    const params: Params = [query.from, query.to];
    if (query.service !== null) {
      where.push('service = ?');
      params.push(query.service);
    }
    if (query.agencies !== null) {
      where.push(inJson(`coalesce(agency, 'diskominfo')`));
      params.push(JSON.stringify(query.agencies));
    }
    const rows = this.db.run(
      () => this.db.q(`SELECT kind, count(*) AS n FROM bot_events WHERE ${where.join(' AND ')} GROUP BY kind`).all(...params) as { kind: BotEventKind; n: number }[],
    );
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }

  async backlog(query: Omit<TicketQuery, 'from' | 'to'> & { now: number }): Promise<{ open: number; overdue: number }> {
    const where = [`NOT ${inJson('t.status')}`];
    const params: Params = [JSON.stringify(CLOSED_TICKET_STATUSES)];
    ticketScope(query, where, params);
    const row = this.db.run(
      () =>
        this.db
          .q(`SELECT count(*) AS open, coalesce(sum(t.due_at IS NOT NULL AND t.due_at < ?), 0) AS overdue FROM tickets t WHERE ${where.join(' AND ')}`)
          .get(query.now, ...params) as { open: number; overdue: number },
    );
    return { open: row.open, overdue: row.overdue };
  }

  async surveyComments(query: TicketQuery, limit: number): Promise<SurveyComment[]> {
    const where = ['t.created_at >= ?', 't.created_at < ?', `t.doc ->> '$.survey.comment' IS NOT NULL`];
    const params: Params = [query.from, query.to];
    ticketScope(query, where, params);
    params.push(limit);
    return this.db.run(
      () =>
        this.db
          .q(
            `SELECT t.number AS ticket, t.doc ->> '$.survey.rating' AS rating, t.doc ->> '$.survey.comment' AS comment, t.doc ->> '$.survey.at' AS at
             FROM tickets t WHERE ${where.join(' AND ')} ORDER BY at DESC, t.number DESC LIMIT ?`,
          )
          .all(...params) as SurveyComment[],
    );
  }

  async claimDigest(month: string, agency: string, at: number): Promise<boolean> {
    return this.db.run(() => this.db.q('INSERT OR IGNORE INTO report_digests (month, agency, at) VALUES (?, ?, ?)').run(month, agency, at).changes === 1);
  }
}

function toFact(r: TicketFactRow): TicketFact {
  return {
    number: r.number,
    category: r.category as TicketFact['category'],
    status: r.status as TicketFact['status'],
    priority: r.priority as TicketFact['priority'],
    service: r.service,
    agency: r.agency,
    channel: r.channel as Channel,
    createdAt: r.created_at,
    updatedAt: Number(r.updated_at ?? r.created_at),
    responseDueAt: Number(r.response_due),
    resolveDueAt: Number(r.resolve_due),
    pausedMs: Number(r.paused_ms ?? 0),
    pausedSince: r.paused_since === null ? null : Number(r.paused_since),
    transitions: JSON.parse(r.transitions) as Transition[],
    rating: r.rating === null ? null : Number(r.rating),
  };
}
