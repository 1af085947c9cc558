/**
 * Monitoring and incidents through the real service (web chat API -> store -> queue -> NLU +
 * dialogue; the prober on a local server on 127.0.0.1 that goes down and comes back):
 * - monitor -> incident -> reports told "known" and linked -> recovery -> each reporter told once;
 * - the report-cluster rule (K reports of one service within M minutes open an incident);
 * - officers open, update and resolve incidents (resolving the linked tickets with one note), in scope.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportUntilTicket, TICKET_RE } from '../helpers/citizen';
import { eventually } from '../helpers/run-service';
import { LoopbackSite } from '../helpers/loopback-site';
import { api, incidents, officerToken, serviceStatus, statusDocument, writeMonitorsFile } from '../helpers/operations';
import { requireRedisOrSkip } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(120_000);

const KNOWN = /sudah kami ketahui/i;
const RECOVERED = /sudah teratasi/i;

/** Bot messages of a web chat session that are recovery notices. */
async function notices(client: WebchatClient): Promise<string[]> {
  const { messages } = await client.history('0');
  return messages.filter((m) => m.from === 'bot' && RECOVERED.test(m.text)).map((m) => m.text);
}

describe('monitor -> incident -> linked reports -> recovery (BullMQ on Redis)', () => {
  let site: LoopbackSite;
  let service: TestService | null = null;
  let dir = '';
  let koordinator = '';
  let skip = false;

  beforeAll(async () => {
    if (!(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    site = await LoopbackSite.start();
    dir = mkdtempSync(join(tmpdir(), 'hd-ops-int-'));
    const monitors = writeMonitorsFile(dir, [{ service: 'kepegawaian', url: site.url }]);
    service = await startTestService({ redis: true, MONITORING: true, MONITORS_FILE: monitors });
    koordinator = await officerToken(service.url, service, 'pemulihan@diskominfo.cirebonkab.go.id', 'koordinator-pemulihan', 'diskominfo');
  });
  afterAll(async () => {
    await service?.cleanup();
    await site?.down();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the service up, then down with an open incident when its server stops', async () => {
    if (skip) return;
    const up = await eventually(async () => (await serviceStatus(service!.url, 'kepegawaian')).state === 'up', 'SIMPEG up on /api/v1/status', 30_000);
    expect(up).toBe(true);
    await site.down();
    const down = await eventually(
      async () => {
        const s = await serviceStatus(service!.url, 'kepegawaian');
        return s.state === 'down' && s.incident ? s : null;
      },
      'SIMPEG down with an incident on /api/v1/status',
      30_000,
    );
    expect(down.incident).toMatchObject({ id: expect.stringMatching(/^INS-\d{6}-\d{3,}$/), title: 'SIMPEG tidak dapat diakses', startedAt: expect.any(String) });
    expect(Date.parse(down.since!)).toBeGreaterThan(0);
    const open = await incidents(service!.url, koordinator, 'open');
    expect(open).toEqual([expect.objectContaining({ id: down.incident!.id, service: 'kepegawaian', state: 'open', source: 'monitor', tickets: [] })]);
    // The public document has no personal data: only services, titles and public updates.
    const doc = await statusDocument(service!.url);
    expect(doc.incidents[0]!.updates[0]).toMatchObject({ kind: 'dibuka', message: expect.stringMatching(/Pemantauan otomatis mendeteksi SIMPEG/) });
  });

  let reporters: WebchatClient[] = [];
  let tickets: string[] = [];

  it('tells reporters the outage is known, since when and the latest update, and links their tickets', async () => {
    if (skip) return;
    const [incident] = await incidents(service!.url, koordinator, 'open');
    expect((await api(service!.url, 'POST', `/api/v1/incidents/${incident!.id}/updates`, koordinator, { message: 'Server basis data sedang dipulihkan oleh tim Diskominfo.' })).status).toBe(200);

    reporters = await Promise.all([1, 2, 3].map(() => new WebchatClient(service!.url).open()));
    const answers = await Promise.all(reporters.map((c) => c.say('simpeg tidak bisa dibuka sejak tadi pagi, muncul error terus')));
    for (const answer of answers) {
      const text = WebchatClient.text(answer);
      expect(text).toMatch(KNOWN);
      expect(text).toMatch(/sejak .*WIB/);
      expect(text).toMatch(/Server basis data sedang dipulihkan/);
      expect(text).toMatch(TICKET_RE);
    }
    tickets = answers.map((a) => TICKET_RE.exec(WebchatClient.text(a))![0]);
    const [linked] = await incidents(service!.url, koordinator, 'open');
    expect([...linked!.tickets].sort()).toEqual([...tickets].sort());
    for (const number of tickets) {
      const t = (await service!.store.getTicket(number))!;
      expect(t).toMatchObject({ category: 'gangguan', service: 'kepegawaian', status: 'ditugaskan' });
      expect(t.sla.pausedSince).not.toBeNull();
    }

    // A question about the service is answered, after the notice.
    const asked = await new WebchatClient(service!.url).open();
    const reply = WebchatClient.text(await asked.say('alamat simpeg apa ya?'));
    expect(reply).toMatch(KNOWN);
    expect(reply).toMatch(/simpeg\.cirebonkab\.go\.id/i);
    expect(reply).not.toMatch(TICKET_RE);
  });

  it('closes the incident when the server is back and tells each reporter once, resolving the linked tickets', async () => {
    if (skip) return;
    await site.up();
    await eventually(async () => (await incidents(service!.url, koordinator, 'resolved')).length === 1, 'the incident to be resolved by the monitor', 30_000);
    await eventually(async () => (await Promise.all(reporters.map(notices))).every((n) => n.length >= 1), 'every reporter to be told', 30_000);
    // Running the repair sweep again tells nobody twice.
    await service!.operations.desk.sweep();
    await service!.operations.desk.idle();
    for (const [i, client] of reporters.entries()) {
      const told = await notices(client);
      expect(told).toHaveLength(1);
      expect(told[0]).toContain(tickets[i]);
      expect(told[0]).toMatch(/SIMPEG/);
    }
    for (const number of tickets) expect((await service!.store.getTicket(number))!.status).toBe('selesai');
    const s = await eventually(async () => {
      const x = await serviceStatus(service!.url, 'kepegawaian');
      return x.state === 'up' ? x : null;
    }, 'SIMPEG up again on /api/v1/status', 30_000);
    expect(s.incident).toBeUndefined();
    const doc = await statusDocument(service!.url);
    const past = doc.incidents.find((i) => i.state === 'resolved')!;
    expect(past.updates.map((u) => u.kind)).toEqual(['dibuka', 'pembaruan', 'selesai']);
    expect(s.availability.days).toHaveLength(90);
    expect(s.availability.days[89]).toBeGreaterThan(0);
    expect(s.availability.days[89]).toBeLessThan(100);

    // The incident's detail: timeline, linked tickets with their status, monitor history.
    const [resolved] = await incidents(service!.url, koordinator, 'resolved');
    const detail = await api(service!.url, 'GET', `/api/v1/incidents/${resolved!.id}`, koordinator);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ state: 'resolved', notices: { state: 'done', recipients: 3 } });
    expect((detail.body.linkedTickets as { status: string }[]).every((t) => t.status === 'selesai')).toBe(true);
    expect((detail.body.monitor as { events: { kind: string }[] }).events.map((e) => e.kind)).toEqual(['up', 'down']);
    expect((detail.body.timeline as { kind: string }[]).map((e) => e.kind)).toEqual(expect.arrayContaining(['dibuka', 'pemantauan', 'laporan', 'pembaruan', 'selesai', 'pemberitahuan']));
  });
});

describe('report cluster and officer-run incidents (in-process queue)', () => {
  let service: TestService;
  let dir = '';
  let koordinator = '';
  let hukum = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hd-ops-int-'));
    // Nothing is monitored: the cluster rule (3 reports in 10 minutes) and officers open incidents.
    const monitors = writeMonitorsFile(dir, [], { reports: 3, minutes: 10 });
    service = await startTestService({ redis: false, MONITORING: true, MONITORS_FILE: monitors });
    koordinator = await officerToken(service.url, service, 'layanan@diskominfo.cirebonkab.go.id', 'koordinator-layanan', 'diskominfo');
    hukum = await officerToken(service.url, service, 'petugas@hukum.cirebonkab.go.id', 'pengelola-layanan', 'setda-hukum');
  });
  afterAll(async () => {
    await service?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens an incident when K reports of one service arrive within M minutes, and links all of them', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(() => new WebchatClient(service.url).open()));
    const first = [];
    for (const c of clients.slice(0, 2)) first.push((await reportUntilTicket(c, 'website jdih error tidak bisa diakses sama sekali')).ticket);
    expect(await incidents(service.url, koordinator, 'open')).toEqual([]);
    const third = await reportUntilTicket(clients[2]!, 'website jdih error tidak bisa diakses sama sekali');
    const [incident] = await eventually(async () => {
      const list = await incidents(service.url, koordinator, 'open');
      return list.length ? list : null;
    }, 'an incident opened by the reports', 20_000);
    expect(incident).toMatchObject({ service: 'jdih', source: 'reports' });
    expect([...incident!.tickets].sort()).toEqual([...first, third.ticket].sort());
    // The next reporter is told it is known, and linked.
    const fourth = WebchatClient.text(await clients[3]!.say('jdih error tidak bisa dibuka dari tadi'));
    expect(fourth).toMatch(KNOWN);
    const number = TICKET_RE.exec(fourth)![0];
    expect((await incidents(service.url, koordinator, 'open'))[0]!.tickets).toContain(number);

    // The agency's officer works it: a public update, then resolve with the linked tickets.
    expect((await api(service.url, 'POST', `/api/v1/incidents/${incident!.id}/updates`, hukum, { message: 'Server JDIH sedang dinyalakan ulang.' })).status).toBe(200);
    const resolved = await api(service.url, 'POST', `/api/v1/incidents/${incident!.id}/resolve`, hukum, {
      message: 'JDIH sudah dapat diakses kembali.',
      resolveTickets: true,
      ticketNote: 'Server JDIH dinyalakan ulang; layanan normal.',
      cause: 'Disk server penuh.',
      action: 'Log lama dihapus dan pemantauan ruang disk ditambahkan.',
    });
    expect(resolved.status).toBe(200);
    expect((await api(service.url, 'POST', `/api/v1/incidents/${incident!.id}/resolve`, hukum, { message: 'lagi' })).status).toBe(409);
    await service.operations.desk.idle();
    for (const c of clients) {
      const told = await notices(c);
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(/JDIH sudah dapat diakses kembali/);
      expect(told[0]).toMatch(/tandai selesai/);
    }
    const detail = await api(service.url, 'GET', `/api/v1/incidents/${incident!.id}`, koordinator);
    expect(detail.body.review).toMatchObject({ cause: 'Disk server penuh.' });
    for (const t of incident!.tickets) {
      const ticket = (await service.store.getTicket(t))!;
      expect(ticket.status).toBe('selesai');
      expect(ticket.history[ticket.history.length - 1]!.note).toMatch(/Server JDIH dinyalakan ulang/);
    }
  });

  it('lets officers open incidents in their scope, one open per service, with clear errors for bad input', async () => {
    const penyedia = await officerToken(service.url, service, 'kepala@hukum.cirebonkab.go.id', 'penyedia-layanan', 'setda-hukum');
    const body = { service: 'perizinan', title: 'Perizinan Online lambat', message: 'Pengajuan izin lambat diproses; tim sedang memeriksa.' };
    expect((await api(service.url, 'POST', '/api/v1/incidents', hukum, body)).status).toBe(403);
    expect((await api(service.url, 'POST', '/api/v1/incidents', penyedia, { ...body, service: 'jdih' })).status).toBe(403);
    expect((await api(service.url, 'POST', '/api/v1/incidents', null, body)).status).toBe(401);
    const created = await api(service.url, 'POST', '/api/v1/incidents', koordinator, body);
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^INS-\d{6}-\d{3,}$/);
    const again = await api(service.url, 'POST', '/api/v1/incidents', koordinator, body);
    expect(again.status).toBe(409);
    expect(String(again.body.error)).toContain(String(created.body.id));
    for (const bad of [
      {},
      { ...body, service: 'tidak-ada' },
      { ...body, title: '' },
      { ...body, message: { $ne: null } },
      { ...body, extra: 1 },
      { ...body, title: 'x'.repeat(500) },
    ]) {
      const res = await api(service.url, 'POST', '/api/v1/incidents', koordinator, bad);
      expect(res.status).toBe(400);
      expect(typeof res.body.error).toBe('string');
    }
    expect((await api(service.url, 'GET', '/api/v1/incidents/INS-000000-000', koordinator)).status).toBe(404);
    expect((await api(service.url, 'GET', '/api/v1/incidents/nope', koordinator)).status).toBe(404);
    expect((await api(service.url, 'GET', '/api/v1/incidents?state=maybe', koordinator)).status).toBe(400);
    // The agency officer does not see another agency's incident.
    expect((await incidents(service.url, hukum, 'open')).map((i) => i.id)).not.toContain(created.body.id);
    expect((await api(service.url, 'GET', `/api/v1/incidents/${created.body.id}`, hukum)).status).toBe(404);
    const status = await serviceStatus(service.url, 'perizinan');
    await eventually(async () => (await serviceStatus(service.url, 'perizinan')).state === 'down', 'perizinan down on the status page', 20_000);
    expect(status.service).toBe('perizinan');
    const done = await api(service.url, 'POST', `/api/v1/incidents/${created.body.id}/resolve`, koordinator, { message: 'Antrean pengajuan sudah normal.' });
    expect(done.status).toBe(200);
    await eventually(async () => (await serviceStatus(service.url, 'perizinan')).state === 'unknown', 'perizinan unknown again (not monitored)', 20_000);
  });
});
