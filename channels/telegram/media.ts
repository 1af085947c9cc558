/**
 * Downloads the files a user sent (getFile + GET from the configured apiRoot) and saves them
 * through the AttachmentSink. A failed or oversized download keeps the file's metadata on the
 * message, so the words still reach the engine and an officer can ask for the file again.
 */
import type { MediaRef } from '../../src/domain/messages';
import type { Logger } from '../../src/runtime/logger';
import type { AttachmentSink } from '../types';
import type { PlatformMedia } from './mapper';

export interface MediaDeps {
  /** telegraf's `telegram.getFileLink` (the URL carries the token: never log it). */
  getFileLink(fileId: string): Promise<URL>;
  sink?: AttachmentSink;
  maxBytes: number;
  logger: Logger;
}

export async function receiveMedia(files: PlatformMedia[], deps: MediaDeps): Promise<MediaRef[]> {
  const refs: MediaRef[] = [];
  for (const file of files) {
    const meta: MediaRef = {
      kind: file.kind,
      mimeType: file.mimeType,
      sizeBytes: file.sizeBytes,
      ...(file.fileName ? { fileName: file.fileName } : {}),
    };
    if (!deps.sink || file.sizeBytes > deps.maxBytes) {
      refs.push(meta);
      continue;
    }
    try {
      const url = await deps.getFileLink(file.fileId);
      const res = await fetch(url);
      if (!res.ok) throw new Error(`file download answered HTTP ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      const saved = await deps.sink.save({ bytes, mimeType: file.mimeType, ...(file.fileName ? { fileName: file.fileName } : {}) });
      refs.push({ ...meta, ...saved });
    } catch (err) {
      deps.logger.warn('telegram: attachment not saved; keeping its metadata', {
        kind: file.kind,
        error: err instanceof Error ? err.message.replace(/bot\d+:[\w-]+/g, 'bot<token>') : String(err),
      });
      refs.push(meta);
    }
  }
  return refs;
}
