/** The shape of `privacy:export` output, for tests reading it. */
import type { MediaRef } from '../../src/domain/messages';
import type { AuditEvent, Conversation, Delivery, Ticket, TranscriptEntry } from '../../src/store/port';

export interface ExportedData {
  percakapan: {
    milikSendiri: { percakapan: Conversation; transkrip: TranscriptEntry[] }[];
    disebutDiPercakapanLain: { conversationId: string; entry: TranscriptEntry }[];
  };
  tiket: Ticket[];
  pengiriman: Delivery[];
  'sesi-obrolan-web': { sessionId: string; createdAt: number; lastSeenAt: number }[];
  'jejak-audit': AuditEvent[];
  lampiran: (MediaRef & { sumber: string; berkasAda: boolean })[];
  'celah-pengetahuan': Record<string, unknown>[];
  insiden: { tiket: string; insiden: unknown; tautan: { conversationId: string } | null; diberiTahuSaatPulih: boolean }[];
}

export interface Exported {
  kontak: string;
  diekspor: string;
  data: ExportedData;
}
