/**
 * The web chat stream route's contract with its backend: the stream answers (headers) only once
 * the backend confirmed the live subscription, passes the client's cursor (Last-Event-ID before
 * `after`), and a backend that cannot confirm gives a 503 instead of a silent stream.
 */
import { webchatRoutes } from '../../../channels/webchat/routes';
import type { WebchatBackend, WebchatMessage } from '../../../channels/webchat/backend';
import { TransientError } from '../../../src/domain/errors';
import { createHttpApp } from '../../../src/http/app';
import { createLogger } from '../../../src/runtime/logger';
import { listen } from '../../helpers/http';
import { SseStream } from '../../helpers/sse-client';

function fakeBackend(order: string[], confirm: { delayMs: number; fail?: boolean }) {
  const cursors: (string | undefined)[] = [];
  const backend: WebchatBackend = {
    createSession: async () => ({ sessionId: 'sesi-uji-0001', token: 't' }),
    authorize: async () => undefined,
    send: async () => ({ id: 'x', handledBy: 'bot' as const }),
    sendAttachment: async () => ({ id: 'x', handledBy: 'bot' as const }),
    history: async () => ({ messages: [], cursor: '0' }),
    async follow(_sessionId, after, listener) {
      cursors.push(after);
      order.push('follow called');
      await new Promise((resolve) => setTimeout(resolve, confirm.delayMs));
      if (confirm.fail) throw new TransientError('Redis tidak tersedia');
      order.push('subscription confirmed');
      const message: WebchatMessage & { cursor: string } = { id: 'm1', from: 'bot', text: 'halo', at: new Date(0).toISOString(), cursor: String(Number(after ?? 0) + 1) };
      return { start: async () => listener(message), close: () => undefined };
    },
  };
  return { backend, cursors };
}

describe('web chat stream route', () => {
  it('answers only after the subscription is confirmed, and resumes from Last-Event-ID over `after`', async () => {
    const order: string[] = [];
    const { backend, cursors } = fakeBackend(order, { delayMs: 80 });
    const server = await listen(createHttpApp({ routers: [webchatRoutes(backend)], logger: createLogger('silent') }));
    try {
      const stream = new SseStream(`${server.url}/api/v1/webchat/sessions/sesi-uji-0001/stream?token=t&after=4`);
      expect(await stream.open()).toBe(200);
      order.push('headers received');
      expect(order).toEqual(['follow called', 'subscription confirmed', 'headers received']);
      await stream.waitFor(() => stream.events.length === 1, 'the message');
      expect(stream.events[0]).toMatchObject({ id: '5', event: 'message' });
      stream.close();

      const resumed = new SseStream(`${server.url}/api/v1/webchat/sessions/sesi-uji-0001/stream?token=t&after=4`);
      expect(await resumed.open('9')).toBe(200);
      await resumed.waitFor(() => resumed.events.length === 1, 'the message');
      expect(cursors).toEqual(['4', '9']);
      resumed.close();
    } finally {
      await server.close();
    }
  });

  it('answers 503 with an Indonesian error when the subscription cannot be confirmed', async () => {
    const { backend } = fakeBackend([], { delayMs: 0, fail: true });
    const server = await listen(createHttpApp({ routers: [webchatRoutes(backend)], logger: createLogger('silent') }));
    try {
      const res = await fetch(`${server.url}/api/v1/webchat/sessions/sesi-uji-0001/stream?token=t`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toMatch(/tidak tersedia/);
    } finally {
      await server.close();
    }
  });
});
