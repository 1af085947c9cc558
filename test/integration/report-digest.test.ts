/**
 * The monthly digest in an agency's Telegram group, through the real service and the Telegram
 * adapter against the local fake Bot API: a koordinator registers BKPSDM's group with a one-time
 * code, a month of tickets happens, and the digest timer posts the month's figures (and no
 * personal data) to that group, once, however often the timer fires.
 */
import { eventually } from '../helpers/channel-e2e';
import { reportUntilTicket } from '../helpers/citizen';
import { FakeTelegramServer, groupText } from '../helpers/fake-telegram-server';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

const TOKEN = '123:digest';
const GROUP = -1009876;
let fake: FakeTelegramServer;
let service: TestService;
let clock = Date.UTC(2026, 10, 10, 2, 0); // Tuesday 10 November 2026, 09:00 WIB

beforeAll(async () => {
  fake = await FakeTelegramServer.start(TOKEN);
  service = await startTestService({ redis: false, now: () => clock, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
  await eventually('the Telegram channel to connect', () => (service.adapters.telegram?.status().state === 'connected' ? true : undefined));
}, 120_000);
afterAll(async () => {
  await service?.cleanup();
  await fake?.close();
});

it('posts the month figures to the agency group once, without personal data', async () => {
  await addOrUpdateOfficer(service.store, service.knowledge, { email: 'koordinator@cirebonkab.go.id', password: 'sandi-petugas-123', role: 'koordinator-layanan', agency: 'diskominfo', name: 'Koordinator' });
  const login = await (await fetch(`${service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'koordinator@cirebonkab.go.id', password: 'sandi-petugas-123' }) })).json() as { token: string };
  const code = await (await fetch(`${service.url}/api/v1/telegram/registration-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
    body: JSON.stringify({ agency: 'bkpsdm' }),
  })).json() as { code: string };
  fake.pushUpdate(groupText({ chatId: GROUP, fromId: 77, text: `/daftar_grup ${code.code}`, title: 'Helpdesk BKPSDM', firstName: 'Admin' }));
  await eventually('the group to be registered', async () => ((await service.store.listDocs<{ agency: string }>('telegram-groups')).some((d) => d.value.agency === 'bkpsdm') ? true : undefined));

  const citizen = await new WebchatClient(service.url).open();
  const { ticket } = await reportUntilTicket(citizen, 'aplikasi SIMPEG error tidak bisa login sejak pagi');

  // 1 December 2026: the timer for November fires (twice, as a retried job would).
  clock = Date.UTC(2026, 11, 1, 1, 0);
  const before = fake.callsOf('sendMessage').length;
  await service.evaluation.onDigestTimer({ key: 'report-digest-2026-11', kind: 'report-digest', payload: { month: '2026-11' } });
  await service.evaluation.onDigestTimer({ key: 'report-digest-2026-11', kind: 'report-digest', payload: { month: '2026-11' } });
  const posted = await eventually('the digest to reach the group', () => {
    const calls = fake.callsOf('sendMessage').slice(before).filter((c) => String(c.body.chat_id) === String(GROUP) && /Ringkasan Helpdesk SPBE/.test(String(c.body.text)));
    return calls.length ? calls : undefined;
  });
  expect(posted).toHaveLength(1);
  const text = String(posted[0]!.body.text);
  expect(text).toContain('November 2026');
  expect(text).toContain('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia');
  expect(text).toMatch(/Tiket masuk: 1 \(Gangguan 1\)/);
  expect(text).toMatch(/masih terbuka: 1/);
  // Figures only: no ticket number, contact, NIP or message text.
  expect(text).not.toContain(ticket);
  expect(text).not.toMatch(/0812|1990010|halaman login|SIMPEG error/i);
  // Every later fire sends nothing more.
  await service.evaluation.onDigestTimer({ key: 'report-digest-2026-11', kind: 'report-digest', payload: { month: '2026-11' } });
  expect(fake.callsOf('sendMessage').slice(before).filter((c) => /Ringkasan Helpdesk SPBE/.test(String(c.body.text)))).toHaveLength(1);
});
