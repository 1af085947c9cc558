/**
 * Webhook mode: the composition root mounts `app.post(adapter.webhookPath, express.json(), adapter.webhookHandler())`.
 * Telegram's calls are simulated with fetch; Bot API calls go to the fake server.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { TelegramAdapter } from '../../../channels/telegram/adapter';
import { callbackQuery, FakeTelegramServer, privateText } from '../../helpers/fake-telegram-server';
import { AutoClock, RecordingIngress } from './doubles';

const SECRET = 'rahasia-webhook-0123456789';
let tg: FakeTelegramServer;
let adapter: TelegramAdapter;
let ingress: RecordingIngress;
let server: Server;
let url: string;

beforeEach(async () => {
  tg = await FakeTelegramServer.start();
  ingress = new RecordingIngress();
  adapter = new TelegramAdapter(
    { token: tg.token, apiRoot: tg.apiRoot, mode: 'webhook', webhookUrl: 'https://helpdesk.cirebonkab.go.id/telegram/webhook', webhookSecret: SECRET },
    { clock: new AutoClock() },
  );
  const app = express();
  app.post(adapter.webhookPath, express.json(), adapter.webhookHandler());
  app.use((_req, res) => void res.status(404).json({ error: 'tidak ditemukan' }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${adapter.webhookPath}`;
  await adapter.start(ingress);
});

afterEach(async () => {
  await adapter.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await tg.close();
});

const post = (update: unknown, secret?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(update),
  });

describe('telegram adapter (webhook mode)', () => {
  it('registers the webhook with its secret and does not poll', () => {
    expect(adapter.webhookPath).toBe('/telegram/webhook');
    expect(tg.webhook).toEqual({ url: 'https://helpdesk.cirebonkab.go.id/telegram/webhook', secret_token: SECRET });
    expect(tg.callsOf('setWebhook')[0]!.body).toMatchObject({ drop_pending_updates: false, allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
    expect(tg.callsOf('getUpdates')).toEqual([]);
    expect(adapter.status().state).toBe('connected');
  });

  it('a POST with the right secret reaches the ingress and is answered 200', async () => {
    const res = await post({ update_id: 901, ...privateText({ chatId: 111, text: '/tiket HD-261123-0001', messageId: 3 }) }, SECRET);
    expect(res.status).toBe(200);
    expect(ingress.accepted).toEqual([expect.objectContaining({ threadId: '111', externalId: 'm:111:3', text: 'lacak tiket HD-261123-0001' })]);
  });

  it('a wrong or missing secret is refused with 401 and never reaches the ingress', async () => {
    const update = { update_id: 902, ...privateText({ chatId: 111, text: 'halo' }) };
    expect((await post(update, 'tebakan-salah-0123456789')).status).toBe(401);
    expect((await post(update)).status).toBe(401);
    expect(ingress.attempts).toBe(0);
  });

  it('answers 503 with Retry-After when the ingress cannot queue, so Telegram redelivers', async () => {
    ingress.failNext = 1;
    const update = { update_id: 903, ...privateText({ chatId: 111, text: 'SIMPEG tidak bisa dibuka', messageId: 4 }) };
    const first = await post(update, SECRET);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(ingress.accepted).toEqual([]);
    expect((await post(update, SECRET)).status).toBe(200); // Telegram's redelivery
    expect(ingress.accepted.map((m) => m.externalId)).toEqual(['m:111:4']);
  });

  it('button presses arrive through the webhook and are acknowledged', async () => {
    const res = await post({ update_id: 904, ...callbackQuery({ chatId: 111, data: 'gangguan', id: 'cbq-w' }) }, SECRET);
    expect(res.status).toBe(200);
    expect(ingress.accepted.map((m) => m.text)).toEqual(['gangguan']);
    expect(tg.callsOf('answerCallbackQuery').map((c) => c.body.callback_query_id)).toEqual(['cbq-w']);
  });

  it('rejects a body that is not an update', async () => {
    expect((await post({ hello: 'x' }, SECRET)).status).toBe(400);
  });
});

describe('telegram adapter configuration', () => {
  it('requires webhookUrl and webhookSecret in webhook mode', () => {
    expect(() => new TelegramAdapter({ token: '1:abc', mode: 'webhook' })).toThrow(/webhookUrl/);
  });

  it('reports a rejected token as failed', async () => {
    const fake = await FakeTelegramServer.start();
    const bad = new TelegramAdapter({ token: '999:wrong-token', apiRoot: fake.apiRoot });
    await bad.start(new RecordingIngress());
    expect(bad.status()).toMatchObject({ state: 'failed', detail: expect.stringContaining('401') });
    await bad.stop();
    await fake.close();
  });
});
