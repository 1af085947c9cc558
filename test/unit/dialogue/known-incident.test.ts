/**
 * The dialogue with an open incident (DialoguePorts.knownIncident, a port double here): a report
 * of the service becomes a linked gangguan ticket at once with the "known" notice; writing again
 * reuses that ticket; a question is answered after the notice; a request for the service goes on
 * as usual after the notice; other services and a port without incidents are unchanged.
 */
import type { KnownIncident } from '../../../src/dialogue/port';
import { Chat, MemoryPorts, MONDAY_0900, newDialogue } from './helpers/harness';

const dialogue = newDialogue();

class IncidentPorts extends MemoryPorts {
  asked: string[] = [];
  constructor(private readonly incidents: Record<string, KnownIncident>) {
    super();
  }
  async knownIncident(service: string): Promise<KnownIncident | null> {
    this.asked.push(service);
    return this.incidents[service] ?? null;
  }
}

const SIMPEG: KnownIncident = {
  id: 'INS-261123-001',
  title: 'SIMPEG tidak dapat diakses',
  startedAt: MONDAY_0900 - 3_600_000,
  notice: 'Gangguan pada **SIMPEG** sudah kami ketahui sejak pukul 08.00 WIB.',
  linkedReply: 'Laporan Anda tercatat dengan nomor **{nomor}** dan digabungkan dengan penanganan gangguan tersebut.',
};

describe('dialogue with a known incident', () => {
  test('a report of the service becomes a linked gangguan ticket at once, and writing again reuses it', async () => {
    const ports = new IncidentPorts({ kepegawaian: SIMPEG });
    const chat = new Chat(dialogue, ports);
    await chat.send('simpeg error terus dari pagi tidak bisa login', { type: 'gangguan', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(ports.tickets.size).toBe(1);
    const ticket = [...ports.tickets.values()][0]!;
    expect(ticket).toMatchObject({ category: 'gangguan', service: 'kepegawaian', agency: 'bkpsdm', description: 'simpeg error terus dari pagi tidak bisa login' });
    expect(chat.text).toContain(SIMPEG.notice);
    expect(chat.text).toContain(`nomor **${ticket.number}**`);
    expect(chat.flowId).toBeNull();
    expect(chat.last!.ticketNumber).toBe(ticket.number);

    await chat.send('masih error nih simpeg', { type: 'gangguan', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(ports.tickets.size).toBe(1);
    expect(chat.text).toContain(`nomor **${ticket.number}**`);
  });

  test('a complaint about the service is the incident too; the service chosen later also counts', async () => {
    const ports = new IncidentPorts({ kepegawaian: SIMPEG });
    const complaint = new Chat(dialogue, ports);
    await complaint.send('simpeg lemot banget payah', { type: 'keluhan', service: 'kepegawaian', agency: 'bkpsdm' });
    expect([...ports.tickets.values()].map((t) => t.category)).toEqual(['gangguan']);

    const later = new Chat(dialogue, ports);
    await later.send('aplikasi error tidak bisa dibuka', { type: 'gangguan' });
    expect(later.step).toBe('layanan');
    await later.send('SIMPEG', { type: 'informasi', service: 'kepegawaian', confidence: 0.2 });
    expect(later.text).toContain(SIMPEG.notice);
    expect(ports.tickets.size).toBe(2);
  });

  test('a question about the service is answered after the notice, with no ticket', async () => {
    const ports = new IncidentPorts({ kepegawaian: SIMPEG });
    const chat = new Chat(dialogue, ports);
    await chat.send('apa itu simpeg', { type: 'informasi', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(chat.last!.replies[0]!.text).toBe(SIMPEG.notice);
    expect(chat.last!.replies.length).toBeGreaterThan(1);
    expect(ports.tickets.size).toBe(0);
  });

  test('a request for the service goes on as usual after the notice', async () => {
    const ports = new IncidentPorts({ kepegawaian: SIMPEG });
    const chat = new Chat(dialogue, ports);
    await chat.send('minta dibuatkan akun simpeg baru', { type: 'permintaan', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(chat.last!.replies[0]!.text).toBe(SIMPEG.notice);
    expect(chat.flowId).not.toBeNull();
    expect(ports.tickets.size).toBe(0);
  });

  test('other services, and ports that know no incident, are unchanged', async () => {
    const ports = new IncidentPorts({ kepegawaian: SIMPEG });
    const chat = new Chat(dialogue, ports);
    await chat.send('sikaton error tidak bisa login', { type: 'gangguan', service: 'keuangan', agency: 'bkad' });
    expect(chat.text).not.toContain('sudah kami ketahui');
    expect(chat.flowId).not.toBeNull();
    const plain = new Chat(dialogue, new MemoryPorts());
    await plain.send('simpeg error terus dari pagi tidak bisa login', { type: 'gangguan', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(plain.text).not.toContain('sudah kami ketahui');
    expect(plain.flowId).not.toBeNull();
  });
});
