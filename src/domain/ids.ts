/** Fixed identifiers shared by every module (see ../shared/spec/taxonomy.json and interfaces.md). */

export const MESSAGE_TYPES = [
  'informasi',
  'keluhan',
  'gangguan',
  'permintaan',
  'perubahan',
  'lacak_tiket',
  'minta_agen',
  'sapaan',
  'di_luar_layanan',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Types that become a ticket through a reporting flow. */
export const REPORT_TYPES = ['keluhan', 'gangguan', 'permintaan', 'perubahan'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const TICKET_CATEGORIES = ['keluhan', 'gangguan', 'permintaan', 'perubahan', 'informasi', 'masalah'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_STATUSES = ['baru', 'ditugaskan', 'diproses', 'menunggu_pelapor', 'selesai', 'ditutup', 'ditolak'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['rendah', 'sedang', 'tinggi', 'kritis'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const CHANNELS = ['webchat', 'telegram', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SERVICE_KINDS = ['administrasi', 'publik', 'infrastruktur'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Roles of BAB IV of the guideline. */
export const OFFICER_ROLES = [
  'koordinator-layanan',
  'koordinator-pemulihan',
  'pengelola-teknis',
  'penyedia-layanan',
  'pengelola-layanan',
] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Who currently answers a conversation. */
export const CONVERSATION_OWNERS = ['bot', 'waiting', 'officer', 'closed'] as const;
export type ConversationOwner = (typeof CONVERSATION_OWNERS)[number];

/** Ticket numbers: HD-YYMMDD-NNNN (interfaces.md section 4). */
export const TICKET_NUMBER_PATTERN = /^HD-\d{6}-\d{4,}$/;
/** The same shape found inside free text (case-insensitive, tolerant of spaces around dashes). */
export const TICKET_NUMBER_IN_TEXT = /\bHD\s*-?\s*(\d{6})\s*-?\s*(\d{4,})\b/i;

export type ServiceId = string;
export type AgencyId = string;
