/**
 * Media a citizen sends: check type and size (before downloading when WhatsApp tells us, and
 * again on the bytes), save through the AttachmentSink, or produce the polite Indonesian notice
 * the adapter sends back when the file cannot be taken.
 */
import type { AttachmentSink } from '../types';
import type { MediaRef } from '../../src/domain/messages';
import type { WhatsAppConfig } from './config';
import type { WaLogger, WaMessage } from './wa-types';

export type MediaOutcome = { kind: 'saved'; ref: MediaRef } | { kind: 'refused' | 'unavailable'; notice: string };

const LABELS: Record<string, string> = {
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/webp': 'WEBP',
  'application/pdf': 'PDF',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
};

export const UNAVAILABLE_NOTICE =
  'Mohon maaf, lampiran Anda tidak dapat kami unduh. Silakan kirim ulang lampiran tersebut.';

export function refusedNotice(limits: WhatsAppConfig['media']): string {
  const labels = [...new Set(limits.allowedMimeTypes.map((m) => LABELS[m] ?? m))];
  return (
    'Mohon maaf, lampiran Anda tidak dapat kami terima. ' +
    `Kami hanya menerima berkas ${labels.join(', ')} dengan ukuran maksimal ${formatSize(limits.maxBytes)}. ` +
    'Silakan kirim ulang dalam format tersebut, atau jelaskan kendala Anda dengan teks.'
  );
}

/** 10485760 -> "10 MB", 2621440 -> "2,5 MB", 1000 -> "1 KB" (Indonesian decimal comma). */
export function formatSize(bytes: number): string {
  const fmt = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${fmt.format(bytes / (1024 * 1024))} MB` : `${fmt.format(Math.max(1, bytes / 1024))} KB`;
}

export function normaliseMime(mime: string | undefined | null): string {
  return (mime ?? '').split(';')[0]!.trim().toLowerCase();
}

export function mediaKind(mime: string): MediaRef['kind'] {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('application/') || mime.startsWith('text/')) return 'document';
  return 'other';
}

export async function receiveMedia(
  msg: WaMessage,
  limits: WhatsAppConfig['media'],
  sink: AttachmentSink,
  log: WaLogger,
): Promise<MediaOutcome> {
  const allowed = (mime: string): boolean => limits.allowedMimeTypes.includes(mime);
  const refused: MediaOutcome = { kind: 'refused', notice: refusedNotice(limits) };
  // WhatsApp Web knows type and size before the download: refuse big files without fetching them.
  const announcedMime = normaliseMime(msg._data?.mimetype);
  const announcedSize = msg._data?.size;
  if ((announcedMime && !allowed(announcedMime)) || (typeof announcedSize === 'number' && announcedSize > limits.maxBytes)) {
    log.info('media refused before download', { externalId: msg.id._serialized, mime: announcedMime, size: announcedSize });
    return refused;
  }
  let media;
  try {
    media = await msg.downloadMedia();
  } catch (err) {
    log.warn('media download failed', { externalId: msg.id._serialized, err });
  }
  if (!media) return { kind: 'unavailable', notice: UNAVAILABLE_NOTICE };
  const mimeType = normaliseMime(media.mimetype);
  const bytes = Buffer.from(media.data, 'base64');
  if (!allowed(mimeType) || bytes.length > limits.maxBytes) {
    log.info('media refused', { externalId: msg.id._serialized, mime: mimeType, size: bytes.length });
    return refused;
  }
  const fileName = media.filename ?? undefined;
  let ref: MediaRef;
  try {
    ref = await sink.save({ bytes, mimeType, ...(fileName ? { fileName } : {}) });
  } catch (err) {
    log.error('attachment store failed; the user is asked to resend', { externalId: msg.id._serialized, err });
    return { kind: 'unavailable', notice: UNAVAILABLE_NOTICE };
  }
  return { kind: 'saved', ref: { ...ref, kind: ref.kind ?? mediaKind(mimeType), mimeType, sizeBytes: bytes.length } };
}
