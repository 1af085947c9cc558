/**
 * Knowledge management API (interfaces.md section 8): the gaps, and FAQ entries drafted,
 * published and withdrawn from the console; the published entries as YAML for faq/entries/.
 */
import { Router, type Request } from 'express';
import { NotFoundError, UserInputError } from '../domain/errors';
import type { DraftInput, KnowledgeDesk } from '../knowledge/knowledge-desk';
import type { EntryContent, EntryState, KnowledgeEntry } from '../knowledge/port';
import type { OfficerAuth } from '../officers/auth';
import { bodyObject, cleanText, MAX_MESSAGE_LENGTH, queryObject, textField } from '../officers/input';
import { parsePeriod } from '../reports/period';
import { createAuthenticate, officerOf } from './authenticate';

const ENTRY_ID = /^kb-[0-9a-f]{6,32}$/;
const STATES: readonly EntryState[] = ['draft', 'published', 'withdrawn'];

export interface KnowledgeRouteDeps {
  auth: Pick<OfficerAuth, 'authenticate'>;
  desk: KnowledgeDesk;
}

function entryId(req: Request): string {
  const id = req.params.entryId as string;
  if (!ENTRY_ID.test(id)) throw new NotFoundError('Entri pengetahuan tidak ditemukan.');
  return id;
}

function questionsField(body: Record<string, unknown>, required: boolean): string[] | undefined {
  const value = body.questions;
  if (value === undefined || value === null) {
    if (required) throw new UserInputError('Kolom "questions" wajib diisi (daftar pertanyaan).');
    return undefined;
  }
  if (!Array.isArray(value)) throw new UserInputError('Kolom "questions" harus berupa daftar teks.');
  if (value.length > 50) throw new UserInputError('Kolom "questions" terlalu banyak.');
  return value.map((q) => {
    if (typeof q !== 'string') throw new UserInputError('Setiap isi "questions" harus berupa teks.');
    return cleanText(q);
  });
}

function serviceField(body: Record<string, unknown>): string | null | undefined {
  const value = body.service;
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value !== 'string') throw new UserInputError('Kolom "service" harus berupa teks atau null.');
  return value.trim();
}

/** What the console shows of an entry. */
function view(e: KnowledgeEntry) {
  return e;
}

export function knowledgeRoutes(deps: KnowledgeRouteDeps): Router {
  const router = Router();
  const authenticate = createAuthenticate(deps.auth);

  router.get('/api/v1/knowledge/gaps', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['from', 'to', 'limit', 'covered']);
    const period = q.from || q.to ? parsePeriod(q.from, q.to) : null;
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UserInputError('limit harus bilangan bulat 1-200.');
    if (q.covered !== undefined && !['0', '1', 'true', 'false'].includes(q.covered)) throw new UserInputError('Parameter "covered" harus 1 atau 0.');
    const result = await deps.desk.gaps(officerOf(res), {
      ...(period ? { from: period.from, to: period.to } : {}),
      limit,
      includeCovered: q.covered === '1' || q.covered === 'true',
    });
    res.json(result);
  });

  router.get('/api/v1/knowledge/entries', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['state']);
    if (q.state !== undefined && !STATES.includes(q.state as EntryState)) throw new UserInputError(`Parameter "state" harus salah satu dari: ${STATES.join(', ')}.`);
    res.json({ entries: (await deps.desk.list(officerOf(res), q.state ? { state: q.state as EntryState } : {})).map(view) });
  });

  router.post('/api/v1/knowledge/entries', authenticate, async (req, res) => {
    const body = bodyObject(req.body, ['service', 'questions', 'answer', 'gap']);
    const input: DraftInput = {
      service: serviceField(body) ?? null,
      questions: questionsField(body, true)!,
      answer: textField(body, 'answer', { required: true, max: MAX_MESSAGE_LENGTH })!,
      gap: textField(body, 'gap', { required: false, max: 500 }) ?? null,
    };
    const entry = await deps.desk.draft(officerOf(res), input);
    res.status(201).json({ id: entry.id, entry: view(entry) });
  });

  router.get('/api/v1/knowledge/entries/:entryId', authenticate, async (req, res) => {
    queryObject(req.query, []);
    const { entry, versions } = await deps.desk.get(officerOf(res), entryId(req));
    res.json({ entry: view(entry), versions });
  });

  router.patch('/api/v1/knowledge/entries/:entryId', authenticate, async (req, res) => {
    const id = entryId(req);
    const body = bodyObject(req.body, ['service', 'questions', 'answer']);
    const change: Partial<EntryContent> = {};
    const service = serviceField(body);
    if (service !== undefined) change.service = service;
    const questions = questionsField(body, false);
    if (questions) change.questions = questions;
    const answer = textField(body, 'answer', { required: false, max: MAX_MESSAGE_LENGTH });
    if (answer !== undefined) change.answer = answer;
    if (!Object.keys(change).length) throw new UserInputError('Tidak ada yang diubah (kirim service, questions atau answer).');
    res.json({ entry: view(await deps.desk.update(officerOf(res), id, change)) });
  });

  router.post('/api/v1/knowledge/entries/:entryId/publish', authenticate, async (req, res) => {
    const id = entryId(req);
    if (req.body && Object.keys(req.body as object).length) bodyObject(req.body, []);
    res.status(200).json({ entry: view(await deps.desk.publish(officerOf(res), id)) });
  });

  router.post('/api/v1/knowledge/entries/:entryId/withdraw', authenticate, async (req, res) => {
    const id = entryId(req);
    const body = req.body && Object.keys(req.body as object).length ? bodyObject(req.body, ['reason']) : {};
    const reason = textField(body, 'reason', { required: false, max: 500 }) ?? null;
    res.status(200).json({ entry: view(await deps.desk.withdraw(officerOf(res), id, reason)) });
  });

  router.get('/api/v1/knowledge/export', authenticate, async (req, res) => {
    queryObject(req.query, []);
    const yaml = await deps.desk.exportYaml(officerOf(res));
    res.setHeader('Content-Type', 'application/yaml; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="faq-konsol.yaml"');
    res.send(yaml);
  });

  return router;
}
