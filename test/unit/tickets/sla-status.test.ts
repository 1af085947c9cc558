import { ConflictError, UserInputError } from '../../../src/domain/errors';
import type { Ticket } from '../../../src/store/port';
import { loadBusinessCalendar } from '../../../src/tickets/business-calendar';
import { defaultPriority } from '../../../src/tickets/priority';
import { computeSla, formatWorkingDuration, isBreached, loadSlaConfig, remainingWorkingMinutes, slaState } from '../../../src/tickets/sla';
import { applyStatusChange, canChangeStatus, describeStatusChange } from '../../../src/tickets/status';

const cal = loadBusinessCalendar();
const sla = loadSlaConfig();
const wib = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);

/** A gangguan/tinggi ticket created Friday 27 Nov 2026 10:00 WIB (targets: response 1 h, resolution 8 h). */
function ticket(partial: Partial<Ticket> = {}): Ticket {
  const createdAt = wib(2026, 11, 27, 10);
  return {
    number: 'HD-261127-0001',
    category: 'gangguan',
    service: 'perizinan',
    agency: 'dpmptsp',
    coAgencies: [],
    priority: 'tinggi',
    status: 'baru',
    summary: 'Gangguan Perizinan Online',
    description: 'Tidak bisa upload dokumen',
    reporter: { conversationId: 'c1', channel: 'webchat', senderId: 's1' },
    attachments: [],
    history: [{ at: createdAt, by: 'bot', action: 'dibuat' }],
    sla: computeSla(sla, cal, 'gangguan', 'tinggi', createdAt),
    survey: null,
    assignee: null,
    createdAt,
    updatedAt: createdAt,
    ...partial,
  };
}

function walk(t: Ticket, steps: [Ticket['status'], number, string?][]): Ticket {
  return steps.reduce((acc, [to, at, note]) => applyStatusChange(acc, to, 'officer-1', note ?? null, at, cal), t);
}

describe('SLA', () => {
  test('due times are computed on the working calendar (skipping the weekend)', () => {
    const t = ticket();
    expect(t.sla.responseDueAt).toBe(wib(2026, 11, 27, 11)); // Friday closes at 11:00
    expect(t.sla.resolveDueAt).toBe(wib(2026, 11, 30, 14, 30)); // 60 min Friday + 420 min Monday
  });

  test('due times skip holidays', () => {
    const s = computeSla(sla, cal, 'gangguan', 'tinggi', wib(2026, 12, 23, 15));
    expect(s.responseDueAt).toBe(wib(2026, 12, 23, 16));
    expect(s.resolveDueAt).toBe(wib(2026, 12, 28, 14, 30)); // 24-27 Dec not working days
  });

  test('targets and default priorities come from flows/sla.yaml', () => {
    expect(sla.targets.gangguan.tinggi).toEqual({ responseMinutes: 60, resolutionMinutes: 480 });
    expect(defaultPriority(sla, 'gangguan', 'publik')).toBe('tinggi');
    expect(defaultPriority(sla, 'gangguan', 'infrastruktur')).toBe('tinggi');
    expect(defaultPriority(sla, 'gangguan', 'administrasi')).toBe('sedang');
    expect(defaultPriority(sla, 'informasi', null)).toBe('rendah');
    expect(formatWorkingDuration(90)).toBe('1 jam 30 menit kerja');
  });

  test('breach and remaining working time', () => {
    const t = walk(ticket(), [['ditugaskan', wib(2026, 11, 27, 10, 30)], ['diproses', wib(2026, 11, 27, 10, 45)]]);
    expect(slaState(t, wib(2026, 11, 30, 9), cal).response).toMatchObject({ breached: false, metAt: wib(2026, 11, 27, 10, 30) });
    expect(remainingWorkingMinutes(t, wib(2026, 11, 30, 9), cal)).toBe(330);
    expect(isBreached(t, wib(2026, 11, 30, 14), cal)).toBe(false);
    expect(isBreached(t, wib(2026, 11, 30, 15), cal)).toBe(true);
    expect(remainingWorkingMinutes(t, wib(2026, 11, 30, 15), cal)).toBe(-30);
  });

  test('an unanswered ticket breaches the response target', () => {
    expect(isBreached(ticket(), wib(2026, 11, 27, 10, 59), cal)).toBe(false);
    expect(isBreached(ticket(), wib(2026, 11, 30, 8), cal)).toBe(true);
  });

  test('the clock pauses while menunggu_pelapor and the due time moves by the paused working time', () => {
    let t = walk(ticket(), [
      ['ditugaskan', wib(2026, 11, 27, 10, 30)],
      ['diproses', wib(2026, 11, 27, 10, 45)],
      ['menunggu_pelapor', wib(2026, 11, 30, 9), 'Mohon kirim tangkapan layar errornya'],
    ]);
    expect(t.sla.pausedSince).toBe(wib(2026, 11, 30, 9));
    // While paused it never breaches, even long after the original due time.
    expect(isBreached(t, wib(2026, 12, 1, 9), cal)).toBe(false);
    expect(slaState(t, wib(2026, 12, 1, 9), cal).paused).toBe(true);

    t = applyStatusChange(t, 'diproses', 'officer-1', 'Tangkapan layar diterima', wib(2026, 12, 1, 9), cal);
    expect(t.sla.pausedSince).toBeNull();
    expect(t.sla.pausedMs).toBe(24 * 60 * 60_000);
    // Paused 510 working minutes (Mon 09:00-16:00 + Tue 07:30-09:00): Mon 14:30 -> Tue 14:30.
    expect(t.sla.resolveDueAt).toBe(wib(2026, 12, 1, 14, 30));
    expect(isBreached(t, wib(2026, 12, 1, 14), cal)).toBe(false);
    expect(isBreached(t, wib(2026, 12, 1, 15), cal)).toBe(true);
  });
});

describe('status transitions', () => {
  test('the normal path, each change in the history with who, when and why', () => {
    const t0 = ticket();
    const t = walk(t0, [
      ['ditugaskan', wib(2026, 11, 27, 10, 10)],
      ['diproses', wib(2026, 11, 27, 10, 20)],
      ['selesai', wib(2026, 11, 30, 9), 'Server sudah dipulihkan'],
      ['ditutup', wib(2026, 11, 30, 10)],
    ]);
    expect(t.status).toBe('ditutup');
    expect(t.history.slice(1).map((h) => [h.from, h.to])).toEqual([
      ['baru', 'ditugaskan'],
      ['ditugaskan', 'diproses'],
      ['diproses', 'selesai'],
      ['selesai', 'ditutup'],
    ]);
    expect(t.history[3]).toEqual({ at: wib(2026, 11, 30, 9), by: 'officer-1', action: 'status', from: 'diproses', to: 'selesai', note: 'Server sudah dipulihkan' });
    expect(t.updatedAt).toBe(wib(2026, 11, 30, 10));
    expect(t0.status).toBe('baru'); // input untouched
    expect(t0.history).toHaveLength(1);
  });

  test('invalid transitions are refused', () => {
    expect(() => applyStatusChange(ticket(), 'selesai', 'o', null, wib(2026, 11, 27, 10), cal)).toThrow(ConflictError);
    expect(() => applyStatusChange(ticket(), 'menunggu_pelapor', 'o', 'x', wib(2026, 11, 27, 10), cal)).toThrow(ConflictError);
    const closed = ticket({ status: 'ditutup' });
    expect(() => applyStatusChange(closed, 'diproses', 'o', null, wib(2026, 11, 27, 10), cal)).toThrow(/sudah final/);
    expect(() => applyStatusChange(ticket(), 'hilang' as never, 'o', null, wib(2026, 11, 27, 10), cal)).toThrow(UserInputError);
    expect(canChangeStatus('selesai', 'diproses')).toBe(false);
    expect(canChangeStatus('menunggu_pelapor', 'diproses')).toBe(true);
  });

  test('ditolak is possible from baru, ditugaskan and diproses, and needs a reason', () => {
    for (const from of ['baru', 'ditugaskan', 'diproses'] as const) {
      expect(applyStatusChange(ticket({ status: from }), 'ditolak', 'o', 'Bukan layanan SPBE', wib(2026, 11, 27, 10), cal).status).toBe('ditolak');
    }
    expect(() => applyStatusChange(ticket(), 'ditolak', 'o', '  ', wib(2026, 11, 27, 10), cal)).toThrow(UserInputError);
    expect(() => applyStatusChange(ticket({ status: 'selesai' }), 'ditolak', 'o', 'x', wib(2026, 11, 27, 10), cal)).toThrow(ConflictError);
  });

  test('the reporter gets an Indonesian message for each change', () => {
    const t = ticket();
    expect(describeStatusChange(t, 'ditugaskan', 'diproses', null, 'DPMPTSP')).toContain('sedang **diproses** oleh DPMPTSP');
    const waiting = describeStatusChange(t, 'diproses', 'menunggu_pelapor', 'Mohon kirim nomor NIB');
    expect(waiting).toContain('HD-261127-0001');
    expect(waiting).toContain('Mohon kirim nomor NIB');
    expect(waiting).toContain('dihentikan sementara');
    expect(describeStatusChange(t, 'diproses', 'selesai', null)).toContain('**selesai**');
    expect(describeStatusChange(t, 'baru', 'ditolak', 'Bukan layanan SPBE')).toContain('Catatan petugas: Bukan layanan SPBE');
  });
});
