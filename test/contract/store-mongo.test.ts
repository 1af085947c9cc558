/**
 * The store contract on MongoDB, when MONGODB_URI is set (e.g. `docker compose up -d mongo`, then
 * `MONGODB_URI=mongodb://127.0.0.1:27017/helpdesk-test npm test`). Each run uses its own database,
 * dropped afterwards. Without MONGODB_URI jest reports the contract as skipped and a loud warning
 * says so (test/helpers/mongo.ts); the schema checks and the fail-fast check below need no server
 * and always run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { MongoStore } from '../../src/store/mongo/mongo-store';
import { conversationSchema, entrySchema, kvSchema, officerSchema, ticketSchema } from '../../src/store/mongo/models';
import { createStore } from '../../src/store/create-store';
import { runStoreContract } from './store.contract';
import { describeMongo, uniqueMongoUri } from '../helpers/mongo';

describeMongo('Store contract on MongoDB', () => {
  runStoreContract(
    'mongo',
    async () => {
      const store = new MongoStore({ uri: uniqueMongoUri('store'), serverSelectionTimeoutMS: 5000 });
      await store.open();
      return store;
    },
    async (store) => {
      await (store as MongoStore).dropDatabase();
      await store.close();
    },
  );
});

describe('MongoStore without a server', () => {
  const conn = mongoose.createConnection();
  afterAll(() => conn.close());

  it('turns sanitizeFilter on, so operator objects from input are compared as values', () => {
    expect(mongoose.get('sanitizeFilter')).toBe(true);
    const Conversation = conn.model('SanitizeProbe', conversationSchema);
    const q = Conversation.find({ threadId: { $ne: null } as unknown as string });
    (q as unknown as { _castConditions: () => void })._castConditions();
    expect(q.getFilter()).toEqual({ threadId: { $eq: { $ne: null } } });
  });

  it('validates documents against the schemas', async () => {
    const Conversation = conn.model('ConvProbe', conversationSchema);
    const Entry = conn.model('EntryProbe', entrySchema);
    const Ticket = conn.model('TicketProbe', ticketSchema);
    const Officer = conn.model('OfficerProbe', officerSchema);
    const Kv = conn.model('KvProbe', kvSchema);
    const conv = { _id: 'c1', channel: 'telegram', threadId: 't', identity: { senderId: 's' }, owner: 'bot', version: 0, createdAt: 1, updatedAt: 1, lastMessageAt: 1 };
    await expect(new Conversation(conv).validate()).resolves.toBeUndefined();
    await expect(new Conversation({ ...conv, channel: 'sms' }).validate()).rejects.toThrow(/channel/);
    await expect(new Conversation({ ...conv, owner: 'robot' }).validate()).rejects.toThrow(/owner/);
    await expect(new Entry({ _id: 'c1:in:1', conversationId: 'c1', seq: 1, from: 'user', text: 'x', at: 1, state: 'pending' }).validate()).resolves.toBeUndefined();
    await expect(new Entry({ _id: 'e', conversationId: 'c1', seq: 0, from: 'user', text: 'x', at: 1 }).validate()).rejects.toThrow(/seq/);
    await expect(new Entry({ _id: 'e', conversationId: 'c1', seq: 1, from: 'user', text: 'x', at: 1, state: 'done' }).validate()).rejects.toThrow(/state/);
    const ticket = {
      _id: 'HD-231114-0001', idempotencyKey: 'k', createdBy: 'bot', category: 'gangguan', agency: 'bkpsdm', priority: 'sedang', status: 'baru',
      reporter: { conversationId: 'c1' }, reporterConversationId: 'c1', sla: { resolveDueAt: 1 }, createdAt: 1, updatedAt: 1, version: 1,
    };
    await expect(new Ticket(ticket).validate()).resolves.toBeUndefined();
    await expect(new Ticket({ ...ticket, status: 'open' }).validate()).rejects.toThrow(/status/);
    await expect(new Ticket({ ...ticket, category: 'lainnya' }).validate()).rejects.toThrow(/category/);
    await expect(new Ticket({ ...ticket, idempotencyKey: undefined }).validate()).rejects.toThrow(/idempotencyKey/);
    const off = { _id: 'o1', email: 'A@b.id', emailLower: 'a@b.id', name: 'A', role: 'pengelola-layanan', agency: 'diskominfo', passwordHash: 'h', active: true, createdAt: 1, updatedAt: 1 };
    await expect(new Officer(off).validate()).resolves.toBeUndefined();
    await expect(new Officer({ ...off, role: 'admin' }).validate()).rejects.toThrow(/role/);
    await expect(new Kv({ coll: 'c', key: 'k' }).validate()).rejects.toThrow(/valueJson/);
  });

  it('declares the unique indexes the contract relies on', () => {
    const uniques = (s: mongoose.Schema) => s.indexes().filter(([, o]) => o?.unique).map(([k]) => Object.keys(k).join(','));
    expect(uniques(conversationSchema)).toEqual(expect.arrayContaining(['channel,threadId']));
    expect(uniques(entrySchema)).toEqual(expect.arrayContaining(['conversationId,seq', 'channel,externalId']));
    expect(uniques(ticketSchema)).toEqual(expect.arrayContaining(['idempotencyKey']));
    expect(uniques(officerSchema)).toEqual(expect.arrayContaining(['emailLower']));
    expect(uniques(kvSchema)).toEqual(expect.arrayContaining(['coll,key']));
  });
});

describe('createStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hd-create-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses SQLite under DATA_DIR when MONGODB_URI is unset', async () => {
    const store = createStore({ DATA_DIR: dir, MONGODB_URI: undefined });
    await store.open();
    await store.ping();
    await store.close();
    expect(existsSync(path.join(dir, 'helpdesk.sqlite'))).toBe(true);
  });

  it('fails loudly and never falls back to SQLite when MongoDB is configured but unreachable', async () => {
    const store = createStore({ DATA_DIR: dir, MONGODB_URI: 'mongodb://127.0.0.1:9/helpdesk', MONGODB_SERVER_SELECTION_TIMEOUT_MS: 300 });
    expect(store).toBeInstanceOf(MongoStore);
    await expect(store.open()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/MongoDB tidak dapat dihubungi/) });
    await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.acceptInbound({ channel: 'webchat', threadId: 't', senderId: 's', externalId: 'e', text: 'x', at: 1 })).rejects.toMatchObject({ code: 'unavailable' });
    expect(existsSync(path.join(dir, 'helpdesk.sqlite'))).toBe(false);
  });
});
