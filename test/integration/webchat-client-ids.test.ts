/**
 * clientMessageId de-duplicates within one web chat session only: two sessions that send the
 * same id (a widget numbering its messages, or two sends in the same millisecond) each get their
 * message stored and answered.
 */
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';
import { tinyPng } from '../helpers/files';

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ redis: false });
}, 60_000);
afterAll(() => service?.cleanup());

it('keeps messages of two sessions that use the same clientMessageId apart, and de-duplicates within one', async () => {
  const [a, b] = await Promise.all([new WebchatClient(service.url).open(), new WebchatClient(service.url).open()]);
  const sentA = await a.post('halo', 'pesan-1');
  const sentB = await b.post('halo', 'pesan-1');
  const againA = await a.post('halo', 'pesan-1');
  expect([sentA.status, sentB.status, againA.status]).toEqual([202, 202, 202]);
  expect(sentB.body.id).not.toBe(sentA.body.id);
  expect(againA.body.id).toBe(sentA.body.id);
  for (const client of [a, b]) {
    const answered = await client.waitFor((fresh) => fresh.some((m) => m.from === 'bot'));
    expect(answered.length).toBeGreaterThan(0);
    const { messages } = await client.history('0');
    expect(messages.filter((m) => m.from === 'user')).toHaveLength(1);
  }
});

it('keeps files of two sessions that use the same clientMessageId apart, and de-duplicates within one', async () => {
  const [a, b] = await Promise.all([new WebchatClient(service.url).open(), new WebchatClient(service.url).open()]);
  const file = { name: 'layar.png', type: 'image/png', clientMessageId: 'berkas-1' };
  const sentA = await a.upload(tinyPng(), file);
  const sentB = await b.upload(tinyPng(), file);
  const againA = await a.upload(tinyPng(), file);
  expect([sentA.status, sentB.status, againA.status]).toEqual([202, 202, 202]);
  expect(sentB.body.id).not.toBe(sentA.body.id);
  expect(againA.body.id).toBe(sentA.body.id);
  for (const client of [a, b]) {
    const { messages } = await client.history('0');
    expect(messages.filter((m) => m.from === 'user')).toHaveLength(1);
  }
});
