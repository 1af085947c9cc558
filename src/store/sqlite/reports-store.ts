/**
 * Facts for the evaluation reports from the embedded store. Every read is an indexed range
 * (tickets by created_at, the per-day message counts of conversation_days, bot events by at)
 * taken in chunks read whole before the next await, so a year's report neither holds the
 * connection across awaits nor blocks the process for its whole duration.
 */
import type Database from 'better-sqlite3';
import type { Channel } from '../../domain/ids';
import type { BotEventKind } from '../../knowledge/port';
import type { ConversationFact, PeriodQuery, ReportsStore, TicketFact, TicketQuery } from '../../reports/port';
import { CLOSED_TICKET_STATUSES, type Ticket } from '../port';
import { inJson, type Params, SqliteAccess, yieldToLoop } from './sqlite-access';

const TICKET_PAGE = 2000;
const DAY = 86_400_000;
/** conversation_days.day is the WIB day number: floor((at + 7 h) / 1 day). */
const WIB_MS = 7 * 3_600_000;
const ID_BATCH = 500;

interface TicketRow {
  rid: number;
  created_at: number;
  doc: string;
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
    // Keyset pages over the (created_at, rowid) order of the tickets_created index. The documents
    // are parsed here: V8's JSON.parse is several times faster than SQLite's JSON operators
    // applied field by field.
    let cursor: [number, number] = [query.from, -1];
    for (;;) {
      const where = ['(t.created_at, t.rowid) > (?, ?)', 't.created_at < ?'];
      const params: Params = [cursor[0], cursor[1], query.to];
      ticketScope(query, where, params);
      params.push(TICKET_PAGE);
      const rows = this.db.run(
        () => this.db.q(`SELECT t.rowid AS rid, t.created_at, t.doc FROM tickets t WHERE ${where.join(' AND ')} ORDER BY t.created_at, t.rowid LIMIT ?`).all(...params) as TicketRow[],
      );
      for (const r of rows) yield ticketFact(JSON.parse(r.doc) as Ticket);
      if (rows.length < TICKET_PAGE) return;
      const last = rows[rows.length - 1]!;
      cursor = [last.created_at, last.rid];
      await yieldToLoop();
    }
  }

  async *conversationFacts(query: PeriodQuery & { withScope: boolean }): AsyncIterable<ConversationFact> {
    // Messages per conversation from the per-day counts the triggers of migration 4 keep.
    const firstDay = Math.floor((query.from + WIB_MS) / DAY);
    const endDay = Math.ceil((query.to + WIB_MS) / DAY);
    const counts = this.db.run(
      () =>
        this.db
          .q(
            `SELECT conversation_id AS id, max(channel) AS channel, sum(user) AS user, sum(bot) AS bot, sum(agent) AS agent
             FROM conversation_days WHERE day >= ? AND day < ? GROUP BY conversation_id HAVING sum(user + bot + agent) > 0`,
          )
          .all(firstDay, endDay) as { id: string; channel: string; user: number; bot: number; agent: number }[],
    );
    await yieldToLoop();
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
    const fact = (c: (typeof counts)[number], agency: string | null, service: string | null): ConversationFact => ({
      channel: c.channel as Channel,
      agency,
      service,
      user: c.user,
      bot: c.bot,
      agent: c.agent,
      ticket: withTicket.has(c.id),
      handoff: handedOff.has(c.id),
    });
    if (!query.withScope) {
      for (const c of counts) yield fact(c, null, null);
      return;
    }
    for (let i = 0; i < counts.length; i += ID_BATCH) {
      const batch = counts.slice(i, i + ID_BATCH);
      const scope = new Map(
        (
          this.db.run(() => this.db.q(`SELECT id, agency, doc FROM conversations WHERE ${inJson('id')}`).all(JSON.stringify(batch.map((c) => c.id)))) as {
            id: string;
            agency: string | null;
            doc: string;
          }[]
        ).map((r) => [r.id, { agency: r.agency, service: (JSON.parse(r.doc) as { service?: string | null }).service ?? null }]),
      );
      for (const c of batch) {
        const s = scope.get(c.id);
        yield fact(c, s?.agency ?? null, s?.service ?? null);
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

  async claimDigest(month: string, agency: string, at: number): Promise<boolean> {
    return this.db.run(() => this.db.q('INSERT OR IGNORE INTO report_digests (month, agency, at) VALUES (?, ?, ?)').run(month, agency, at).changes === 1);
  }
}

function ticketFact(t: Ticket): TicketFact {
  const transitions: TicketFact['transitions'] = [];
  for (const h of t.history) if (h.action === 'status') transitions.push([h.at, h.from ?? '', h.to ?? '']);
  return {
    number: t.number,
    category: t.category,
    status: t.status,
    priority: t.priority,
    service: t.service ?? null,
    agency: t.agency,
    channel: t.reporter.channel,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt ?? t.createdAt,
    responseDueAt: t.sla.responseDueAt,
    resolveDueAt: t.sla.resolveDueAt,
    pausedMs: t.sla.pausedMs ?? 0,
    pausedSince: t.sla.pausedSince ?? null,
    transitions,
    rating: t.survey?.rating ?? null,
    comment: t.survey?.comment ?? null,
    ratedAt: t.survey?.at ?? null,
  };
}
