/**
 * Fills the placeholders of an FAQ answer when it is given (see answer-placeholders.ts): the
 * helpdesk's hours, holidays and SLA targets come from the very calendar and SLA configuration
 * the ticket clocks use (flows/kalender-kerja.yaml, flows/hari-libur.yaml, flows/sla.yaml), so the
 * answers stay true when those files change; service facts come from the catalog. A question that
 * names a grade ("golongan III/b") gets the entry's direct answer for that grade first.
 */
import type { ServiceKind, TicketCategory } from '../domain/ids';
import { SERVICE_KINDS } from '../domain/ids';
import { DAY_NAMES, MONTH_NAMES, type BusinessCalendar } from '../tickets/business-calendar';
import { formatWorkingDuration, type SlaConfig } from '../tickets/sla';
import { compareGrades, gradeText } from './answer-placeholders';
import type { FaqEntry, Grade, Knowledge, Service } from './types';

export interface AnswerContext {
  knowledge: Knowledge;
  calendar: BusinessCalendar;
  sla: SlaConfig;
  now: number;
  /** Titles of the service kinds for the list of services (flows/salam.yaml judul_jenis_layanan). */
  kindTitles: Record<ServiceKind, string>;
  /** The service an every-service answer is given for. */
  service?: Service | null;
  /** The user's question (names the app they mean, and the grade). */
  question?: string;
}

const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
/** Ticket categories as the helpdesk names them to users, in the order they are listed. */
const CATEGORY_LABELS: [TicketCategory, string][] = [
  ['gangguan', 'Laporan gangguan'],
  ['keluhan', 'Keluhan'],
  ['permintaan', 'Permintaan layanan'],
  ['perubahan', 'Usulan perubahan'],
  ['informasi', 'Pertanyaan yang diteruskan ke petugas'],
];
const UPCOMING_HOLIDAYS = 3;

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}.${String(minutes % 60).padStart(2, '0')}`;
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} dan ${items[items.length - 1]}`;
}

/** "Senin-Kamis pukul 07.30-16.00 WIB; Jumat pukul 07.30-11.00 WIB". */
export function officeHoursText(calendar: BusinessCalendar): string {
  const { week, zoneLabel } = calendar.config;
  const groups: { days: number[]; text: string }[] = [];
  for (const day of WEEK_ORDER) {
    const windows = week[day] ?? [];
    if (windows.length === 0) continue;
    const text = windows.map((w) => `${clock(w.start)}-${clock(w.end)}`).join(' dan ');
    const last = groups[groups.length - 1];
    const prevDay = last ? last.days[last.days.length - 1]! : -1;
    if (last && last.text === text && WEEK_ORDER.indexOf(day) === WEEK_ORDER.indexOf(prevDay) + 1) last.days.push(day);
    else groups.push({ days: [day], text });
  }
  return groups
    .map((g) => {
      const first = DAY_NAMES[g.days[0]!];
      const days = g.days.length === 1 ? first : `${first}-${DAY_NAMES[g.days[g.days.length - 1]!]}`;
      return `${days} pukul ${g.text} ${zoneLabel}`;
    })
    .join('; ');
}

function closedDaysText(calendar: BusinessCalendar): string {
  const closed = WEEK_ORDER.filter((d) => (calendar.config.week[d] ?? []).length === 0).map((d) => DAY_NAMES[d]!);
  return closed.length ? `${joinWords(closed)}, serta hari libur nasional dan cuti bersama` : 'hari libur nasional dan cuti bersama';
}

function upcomingHolidaysText(calendar: BusinessCalendar, now: number): string {
  const today = calendar.localDateKey(now);
  const next = calendar.config.holidays.filter((h) => h.date >= today).sort((a, b) => a.date.localeCompare(b.date)).slice(0, UPCOMING_HOLIDAYS);
  if (next.length === 0) return '- (belum ada hari libur berikutnya di kalender kerja)';
  return next
    .map((h) => {
      const d = new Date(`${h.date}T00:00:00Z`);
      return `- ${DAY_NAMES[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}: ${h.name}`;
    })
    .join('\n');
}

function slaTargetsText(sla: SlaConfig): string {
  return CATEGORY_LABELS.map(([category, label]) => {
    const t = sla.targets[category].sedang;
    return `- ${label}: ditanggapi paling lambat ${formatWorkingDuration(t.responseMinutes)}, diselesaikan paling lambat ${formatWorkingDuration(t.resolutionMinutes)}`;
  }).join('\n');
}

/** Every service by kind, with its applications (those its name does not already hold). */
export function serviceListText(knowledge: Knowledge, kindTitles: Record<ServiceKind, string>): string {
  const services = [...knowledge.services.values()];
  return SERVICE_KINDS.map((kind) => {
    const lines = services
      .filter((s) => s.kind === kind)
      .map((s) => {
        const apps = [...new Set(s.apps.map((a) => a.name))].filter((a) => !s.name.toLowerCase().includes(a.toLowerCase()));
        return `- ${s.name}${apps.length ? ` (${apps.join(', ')})` : ''}`;
      });
    return lines.length ? `**${kindTitles[kind]}**\n${lines.join('\n')}` : '';
  })
    .filter(Boolean)
    .join('\n\n');
}

function normalizeForMatch(text: string): string {
  return ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** The app of the service the question names (by name or alias), if any. */
function mentionedApp(service: Service, question: string | undefined): Service['apps'][number] | undefined {
  if (!question) return undefined;
  const q = normalizeForMatch(question);
  return service.apps.find((a) => [a.name, ...a.aliases].some((n) => {
    const t = normalizeForMatch(n).trim();
    return t.length > 0 && q.includes(` ${t} `);
  }));
}

export function serviceFacts(knowledge: Knowledge, service: Service, question?: string): Record<string, string> {
  const owners = service.owners.map((id) => knowledge.agencies.get(id)).filter((a) => a !== undefined);
  const app = mentionedApp(service, question);
  const withUrl = (app ? [app] : service.apps).filter((a) => a.url);
  const urls = [...new Map(withUrl.map((a) => [a.url!, a])).values()];
  const alamat =
    urls.length === 0
      ? service.access
      : urls.length === 1
        ? `**${urls[0]!.url}**`
        : urls.map((a) => `${a.name}: **${a.url}**`).join('; ');
  return {
    nama: app?.name ?? (service.apps.length === 1 ? service.apps[0]!.name : service.name),
    layanan: service.name,
    deskripsi: service.description,
    pengelola: joinWords(owners.map((a) => (a.shortName.toLowerCase() === a.name.toLowerCase() ? `**${a.name}**` : `**${a.shortName}** (${a.name})`))),
    pengelola_singkat: joinWords(owners.map((a) => a.shortName)),
    cara_akses: service.access,
    alamat,
  };
}

export function helpdeskFacts(ctx: AnswerContext): Record<string, string> {
  const { calendar, now, knowledge } = ctx;
  const hours = calendar.officeHours(now);
  const coordinator = knowledge.agencies.get(knowledge.coordinatorAgency);
  return {
    jam_layanan: officeHoursText(calendar),
    hari_tutup: closedDaysText(calendar),
    status_sekarang: hours.open
      ? 'Saat ini petugas sedang bertugas.'
      : `Saat ini di luar jam layanan; petugas kembali bertugas ${hours.nextOpenText}.`,
    hari_libur_berikutnya: upcomingHolidaysText(calendar, now),
    target_layanan: slaTargetsText(ctx.sla),
    daftar_layanan: serviceListText(knowledge, ctx.kindTitles),
    koordinator: coordinator ? `${coordinator.name} (${coordinator.shortName})` : knowledge.coordinatorAgency,
  };
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * The grade a question names: "III/b", "gol. 3b", "golongan IV", "golongan ruang III/d".
 * minor null when only the major grade is given.
 */
export function gradeInText(text: string): { major: number; minor: string | null } | null {
  const t = text.toLowerCase();
  const slash = /(?:^|[^a-z0-9])(iv|iii|ii|i|[1-4])\s*\/\s*([a-e])(?![a-z0-9])/.exec(t);
  if (slash) return { major: ROMAN[slash[1]!]!, minor: slash[2]! };
  const named = /(?:golongan|gol\.?|ruang|grade)\s*(?:ruang\s*)?(iv|iii|ii|i|[1-4])(?:\s*[-.]?\s*([a-e]))?(?![a-z0-9])/.exec(t);
  if (named) return { major: ROMAN[named[1]!]!, minor: named[2] ?? null };
  return null;
}

/** The entry's direct answer for the grade the question names, if it has one. */
export function directAnswer(entry: FaqEntry, question: string | undefined): { answer: string; grade: string } | null {
  if (!question || !entry.details?.length) return null;
  const named = gradeInText(question);
  if (!named) return null;
  const low: Grade = { major: named.major, minor: named.minor ?? 'a' };
  const high: Grade = { major: named.major, minor: named.minor ?? 'e' };
  const detail = entry.details.find((d) => compareGrades(d.from, low) <= 0 && compareGrades(high, d.to) <= 0);
  if (!detail) return null;
  const grade = named.minor ? gradeText(low) : ['I', 'II', 'III', 'IV'][named.major - 1]!;
  return { answer: detail.answer, grade };
}

function fillPlaceholders(text: string, vars: Record<string, string>): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** The text of an FAQ answer as the user reads it: direct answer first, placeholders filled. */
export function renderAnswer(entry: FaqEntry, ctx: AnswerContext): string {
  const vars: Record<string, string> = { ...helpdeskFacts(ctx) };
  if (entry.forEveryService && ctx.service) Object.assign(vars, serviceFacts(ctx.knowledge, ctx.service, ctx.question));
  const direct = directAnswer(entry, ctx.question);
  const body = fillPlaceholders(entry.answer, vars);
  if (!direct) return body;
  return `${fillPlaceholders(direct.answer, { ...vars, golongan: direct.grade })}\n\n${body}`;
}
