/**
 * Journeys through the public APIs only (interfaces.md sections 2, 3 and 6) on the real service
 * (web chat API -> store -> BullMQ on real Redis -> NLU + dialogue -> tickets), with officers on
 * the officer API: the waiting-on-reporter loop closes (text and file answers), a ticket is
 * tracked from a second session with its contact, an upload reaches the ticket and officers
 * download it safely, `batal` leaves the human queue, a Cirebonese request for a human reaches
 * the queue at once, and uploads are refused by their bytes and size.
 */
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { eventually } from '../helpers/channel-e2e';
import { useChannelService } from '../helpers/channel-service';
import { reportUntilTicket } from '../helpers/citizen';
import { FAKE_JPEG_HTML, SVG, tinyPdf, tinyPng } from '../helpers/files';
import { WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(120_000);

const suite = useChannelService();
const PASSWORD = 'sandi-petugas-123';

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(suite.service.url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

async function officer(email: string, agency: string): Promise<{ token: string; id: string }> {
  const o = await addOrUpdateOfficer(suite.service.store, suite.service.knowledge, { email, password: PASSWORD, role: 'pengelola-layanan', agency, name: email.split('@')[0]! });
  const res = await api('POST', '/api/v1/auth/login', null, { email, password: PASSWORD });
  expect(res.status).toBe(200);
  return { token: String(res.body.token), id: o.officer.id };
}

/** A gangguan report about perizinan from a web chat user with phone 0812-3456-7890. */
async function perizinanTicket(user: WebchatClient): Promise<string> {
  const { ticket } = await reportUntilTicket(user, 'aplikasi perizinan online tidak bisa upload dokumen persyaratan sejak kemarin');
  return ticket;
}

/** Officer moves the ticket to diproses, then asks the reporter a question. */
async function ask(token: string, ticket: string, question: string): Promise<void> {
  for (const status of ['ditugaskan', 'diproses']) expect((await api('PATCH', `/api/v1/tickets/${ticket}`, token, { status })).status).toBe(200);
  expect((await api('PATCH', `/api/v1/tickets/${ticket}`, token, { status: 'menunggu_pelapor', note: question })).status).toBe(200);
}

it('waiting on the reporter: the answer lands on the ticket, the clock runs again, the officer who asked gets the chat', async () => {
  if (suite.skip) return;
  const dpmptsp = await officer('petugas.izin@cirebonkab.go.id', 'dpmptsp');
  const user = await new WebchatClient(suite.service.url).open();
  const ticket = await perizinanTicket(user);
  await ask(dpmptsp.token, ticket, 'Berkas apa yang gagal diunggah, dan apa pesan errornya?');
  const question = await user.waitFor((m) => m.some((x) => x.text.includes('Berkas apa yang gagal diunggah')));
  expect(WebchatClient.text(question)).toMatch(/balas di percakapan ini/i);
  const paused = (await api('GET', `/api/v1/tickets/${ticket}`, dpmptsp.token)).body as { sla: { pausedSince: number | null } };
  expect(paused.sla.pausedSince).not.toBeNull();

  const told = await user.say('Berkas KTP format PDF, muncul tulisan ukuran melebihi batas padahal hanya 300 KB');
  expect(WebchatClient.text(told)).toContain(`ditambahkan ke tiket **${ticket}**`);

  const after = (await api('GET', `/api/v1/tickets/${ticket}`, dpmptsp.token)).body as {
    status: string;
    sla: { pausedSince: number | null; pausedMs: number };
    history: { action: string; note?: string; by: string }[];
  };
  expect(after.status).toBe('diproses');
  expect(after.sla.pausedSince).toBeNull();
  expect(after.history.find((h) => h.action === 'tanggapan')?.note).toContain('ukuran melebihi batas');
  // "Percakapan saya" of the officer who asked.
  const mine = (await api('GET', '/api/v1/conversations?state=officer&mine=1', dpmptsp.token)).body as { conversations: { id: string; ticket?: string }[] };
  expect(mine.conversations.map((c) => c.ticket)).toContain(ticket);

  // A second answer with a file goes to the officer and onto the ticket; the officer downloads it.
  await ask2(dpmptsp.token, ticket, 'Mohon kirim tangkapan layarnya.');
  await user.waitFor((m) => m.some((x) => x.text.includes('Mohon kirim tangkapan layarnya')));
  const png = tinyPng();
  const fileTold = await user.sendFile(png, { name: 'layar error.png', type: 'image/png' });
  expect(WebchatClient.text(fileTold)).toContain('ditambahkan ke tiket');
  const withFile = (await api('GET', `/api/v1/tickets/${ticket}`, dpmptsp.token)).body as { attachments: { url?: string; mimeType: string }[] };
  const url = withFile.attachments.find((a) => a.mimeType === 'image/png')?.url;
  expect(url).toBeDefined();
  const download = await fetch(suite.service.url + url!, { headers: { authorization: `Bearer ${dpmptsp.token}` } });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('image/png');
  expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
  expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  // Out of scope: another agency's officer may not download it (answered like a missing ticket).
  const bapenda = await officer('petugas.pajak@cirebonkab.go.id', 'bapenda');
  expect((await fetch(suite.service.url + url!, { headers: { authorization: `Bearer ${bapenda.token}` } })).status).toBe(404);
  expect((await fetch(suite.service.url + url!)).status).toBe(401);
});

/** Asks again while the officer holds the chat (ticket back in diproses). */
async function ask2(token: string, ticket: string, question: string): Promise<void> {
  expect((await api('PATCH', `/api/v1/tickets/${ticket}`, token, { status: 'menunggu_pelapor', note: question })).status).toBe(200);
}

it('tracking from a second session: asked for the contact, proven by the phone in another form', async () => {
  if (suite.skip) return;
  const first = await new WebchatClient(suite.service.url).open();
  const ticket = await perizinanTicket(first);
  const second = await new WebchatClient(suite.service.url).open();
  const asked = WebchatClient.text(await second.say(`lacak ${ticket}`));
  expect(asked).toMatch(/nomor HP atau email/);
  expect(asked).not.toMatch(/Baru diterima|DPMPTSP/);
  const wrong = WebchatClient.text(await second.say('081299990000'));
  expect(wrong).toMatch(/tidak cocok/);
  expect(wrong).not.toMatch(/Baru diterima|DPMPTSP/);
  await second.say(`lacak ${ticket}`);
  const shown = WebchatClient.text(await second.say('+62 812-3456-7890'));
  expect(shown).toContain(`Tiket **${ticket}**`);
  expect(shown).toMatch(/Status: \*\*Baru diterima\*\*/);
});

it('an upload during a report reaches the ticket; bad uploads are refused by their bytes and size', async () => {
  if (suite.skip) return;
  const user = await new WebchatClient(suite.service.url).open();
  // Refused at the door: HTML named .jpg (415), SVG (415), too large (413), no file (400), wrong token (401).
  expect((await user.upload(FAKE_JPEG_HTML, { name: 'foto.jpg', type: 'image/jpeg' })).status).toBe(415);
  const svg = await user.upload(SVG, { name: 'gambar.svg', type: 'image/svg+xml' });
  expect(svg.status).toBe(415);
  expect(String(svg.body.error)).toMatch(/JPG, PNG atau WEBP, atau dokumen PDF/);
  const big = Buffer.concat([tinyPdf(), Buffer.alloc(10 * 1024 * 1024)]);
  const tooBig = await user.upload(big, { name: 'besar.pdf', type: 'application/pdf' });
  expect(tooBig.status).toBe(413);
  expect(String(tooBig.body.error)).toMatch(/10 MB/);
  expect((await user.upload(tinyPng(), { token: 'salah' })).status).toBe(401);
  const noFile = await fetch(`${suite.service.url}/api/v1/webchat/sessions/${user.sessionId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}` },
    body: (() => {
      const f = new FormData();
      f.append('text', 'tanpa berkas');
      return f;
    })(),
  });
  expect(noFile.status).toBe(400);

  let last = await user.say('aplikasi perizinan online tidak bisa upload dokumen persyaratan sejak kemarin');
  for (let i = 0; i < 6 && !/lampir|bukti pendukung|foto/i.test(WebchatClient.text(last)); i++) last = await user.say('081234567890');
  const pdf = tinyPdf();
  const ack = WebchatClient.text(await user.sendFile(pdf, { name: 'bukti.pdf', type: 'application/pdf' }));
  expect(ack).toMatch(/1 berkas diterima/);
  const done = WebchatClient.text(await user.say('ya, kirim'));
  const number = /HD-\d{6}-\d{4,}/.exec(done)?.[0];
  expect(number).toBeDefined();
  const stored = await suite.service.store.getTicket(number!);
  expect(stored!.attachments).toHaveLength(1);
  expect(stored!.attachments[0]).toMatchObject({ mimeType: 'application/pdf', fileName: 'bukti.pdf', sizeBytes: pdf.length });
  // The web chat transcript shows the file on the user's message.
  const history = await user.history();
  expect(history.messages.some((m) => (m as { attachments?: { name: string }[] }).attachments?.[0]?.name === 'bukti.pdf')).toBe(true);
});

it('a photo outside a report is acknowledged and never vanishes', async () => {
  if (suite.skip) return;
  const user = await new WebchatClient(suite.service.url).open();
  const answer = WebchatClient.text(await user.sendFile(tinyPng(), { name: 'foto.png', type: 'image/png' }));
  expect(answer).toMatch(/1 berkas sudah kami terima/);
});

it('the human queue: place in the queue, no bot typing while waiting, batal leaves it and the bot says so', async () => {
  if (suite.skip) return;
  const koordinator = await addOrUpdateOfficer(suite.service.store, suite.service.knowledge, {
    email: 'koordinator@cirebonkab.go.id',
    password: PASSWORD,
    role: 'koordinator-layanan',
    agency: 'diskominfo',
    name: 'Koordinator',
  });
  const login = await api('POST', '/api/v1/auth/login', null, { email: koordinator.officer.email, password: PASSWORD });
  const token = String(login.body.token);

  const user = await new WebchatClient(suite.service.url).open();
  const queued = WebchatClient.text(await user.say('saya mau bicara dengan petugas'));
  expect(queued).toMatch(/antrean petugas urutan ke-\*\*\d+\*\*/);
  const conversation = (await suite.service.store.findConversation('webchat', user.sessionId))!;
  expect(conversation.owner).toBe('waiting');
  // While a human is awaited the API tells the widget so (no typing dots).
  const sent = await user.post('halo, masih lama?', 'q-1');
  expect(sent.status).toBe(202);
  expect(sent.body.handledBy).toBe('human');

  const left = WebchatClient.text(await user.say('batal'));
  expect(left).toMatch(/keluar dari antrean petugas/);
  expect((await suite.service.store.findConversation('webchat', user.sessionId))!.owner).toBe('bot');
  const waiting = (await api('GET', '/api/v1/conversations?state=waiting', token)).body as { conversations: { id: string }[] };
  expect(waiting.conversations.map((c) => c.id)).not.toContain(conversation.id);
  expect((await user.post('halo', 'q-2')).body.handledBy).toBe('bot');
});

it('a request for a human in Cirebonese reaches the queue at once, even with a problem in it', async () => {
  if (suite.skip) return;
  const user = await new WebchatClient(suite.service.url).open();
  const answer = WebchatClient.text(await user.say('kula pengen ngomong karo petugase langsung bae, aplikasi simpeg ora bisa login'));
  expect(answer).toMatch(/antrean petugas/);
  await eventually('the chat to wait for an officer', async () => ((await suite.service.store.findConversation('webchat', user.sessionId))?.owner === 'waiting' ? true : undefined));
});
