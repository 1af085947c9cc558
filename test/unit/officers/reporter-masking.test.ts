/**
 * Personal data in the ticket screens (UU PDP): lists show contacts like `0812*****890`, never in
 * full; the detail shows them masked too until an officer asks for the full values, which is
 * audited; roles that do not see reporters get nothing.
 */
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('masks the contact in the list and by default in the detail; the full view is audited', async () => {
  const { token, officer } = await h.addOfficer('pengelola-layanan', 'bkpsdm');
  const t = await h.ticket({ agency: 'bkpsdm' });

  const list = await h.call('GET', '/api/v1/tickets', token);
  expect(list.status).toBe(200);
  const rows = list.body.tickets as { number: string; reporter: { contact?: string } }[];
  const row = rows.find((x) => x.number === t.number)!;
  expect(row.reporter.contact).toBe('0812*****890');
  expect(JSON.stringify(list.body)).not.toContain('081234567890');

  const detail = await h.call('GET', `/api/v1/tickets/${t.number}`, token);
  expect((detail.body.reporter as { contact: string }).contact).toBe('0812*****890');
  const audited = async () => (await h.store.listAudit({ limit: 100 })).filter((a) => a.action === 'ticket.reporter-view' && a.actor === officer.id);
  expect(await audited()).toHaveLength(0);

  const full = await h.call('GET', `/api/v1/tickets/${t.number}?full=1`, token);
  expect(full.status).toBe(200);
  expect((full.body.reporter as { contact: string }).contact).toBe('081234567890');
  expect((await audited()).map((a) => a.target)).toEqual([`ticket:${t.number}`]);

  expect((await h.call('GET', `/api/v1/tickets/${t.number}?full=yes`, token)).status).toBe(400);
});

it('gives roles that do not see reporters neither the masked nor the full contact', async () => {
  const { token } = await h.addOfficer('penyedia-layanan', 'bkpsdm');
  const t = await h.ticket({ agency: 'bkpsdm' });
  const detail = await h.call('GET', `/api/v1/tickets/${t.number}`, token);
  expect(detail.status).toBe(200);
  expect(JSON.stringify(detail.body.reporter)).not.toMatch(/0812/);
  expect((await h.call('GET', `/api/v1/tickets/${t.number}?full=1`, token)).status).toBe(403);
});
