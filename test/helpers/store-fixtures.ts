/** Builders of valid store inputs for the contract suite and the crash test. */
import type { Channel } from '../../src/domain/ids';
import type { NewTicket, Officer, Store } from '../../src/store/port';

let n = 0;
/** Unique suffix per call within one process. */
export function uniq(tag = 'x'): string {
  n += 1;
  return `${tag}${n}${Math.random().toString(36).slice(2, 8)}`;
}

export function inbound(over: Partial<Parameters<Store['acceptInbound']>[0]> = {}): Parameters<Store['acceptInbound']>[0] {
  return {
    channel: 'telegram' as Channel,
    threadId: uniq('thread'),
    senderId: uniq('sender'),
    senderName: 'Budi',
    externalId: uniq('ext'),
    text: 'halo, aplikasi SIMPEG tidak bisa dibuka',
    at: 1_700_000_000_000,
    ...over,
  };
}

export function newTicket(over: Partial<NewTicket> = {}): NewTicket {
  const createdAt = over.createdAt ?? 1_700_000_000_000;
  return {
    idempotencyKey: uniq('key'),
    numberPrefix: 'HD-231114-',
    category: 'gangguan',
    service: 'simpeg',
    agency: 'bkpsdm',
    coAgencies: [],
    priority: 'sedang',
    summary: 'SIMPEG tidak bisa dibuka',
    description: 'Sejak pagi halaman login SIMPEG menampilkan galat 502.',
    reporter: { conversationId: uniq('conv'), channel: 'telegram', senderId: uniq('sender'), name: 'Budi', contact: '081234567890' },
    attachments: [],
    sla: { responseDueAt: createdAt + 3_600_000, resolveDueAt: createdAt + 86_400_000, pausedMs: 0, pausedSince: null, escalated: [] },
    createdAt,
    createdBy: 'bot',
    ...over,
  };
}

export function officer(over: Partial<Omit<Officer, 'createdAt' | 'updatedAt'>> = {}): Omit<Officer, 'createdAt' | 'updatedAt'> {
  return {
    id: uniq('officer'),
    email: `${uniq('petugas')}@cirebonkab.go.id`,
    name: 'Siti Petugas',
    role: 'pengelola-layanan',
    agency: 'diskominfo',
    passwordHash: 'scrypt$abc$def',
    active: true,
    ...over,
  };
}
