/**
 * Reads one web chat upload (multipart/form-data: `file`, optional `text` and `clientMessageId`)
 * with busboy, checking the file's real type from its first bytes and its size while it streams:
 * a file of another type stops being buffered at once (415), one over the limit at the limit
 * (413). The rest of the body is still read, so the client receives the answer instead of a
 * reset connection.
 */
import type { Request } from 'express';
import busboy from 'busboy';
import { cleanFileName, SNIFF_BYTES, sniffFileType } from '../../src/attachments/file-types';

export interface UploadLimits {
  maxBytes: number;
  types: readonly string[];
}

export type UploadResult =
  | { kind: 'ok'; file: { bytes: Buffer; mimeType: string; fileName?: string }; text: string; clientMessageId?: string }
  | { kind: 'too-large' | 'unsupported' | 'no-file' | 'empty' | 'malformed' };

const MAX_FIELD_BYTES = 16 * 1024;

type Failure = Exclude<UploadResult['kind'], 'ok'>;

interface Incoming {
  chunks: Buffer[];
  size: number;
  /** null until the first bytes are seen; '' when they match no known type. */
  mimeType: string | null;
  fileName?: string;
}

export function readUpload(req: Request, limits: UploadLimits): Promise<UploadResult> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limits.maxBytes, fields: 4, fieldSize: MAX_FIELD_BYTES, parts: 6 } });
    } catch {
      resolve({ kind: 'malformed' });
      return;
    }
    const fields: Record<string, string> = {};
    const state: { outcome: Failure | null; file: Incoming | null } = { outcome: null, file: null };

    parser.on('field', (name, value) => {
      if (name === 'text' || name === 'clientMessageId') fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || state.file) {
        stream.resume();
        return;
      }
      const fileName = cleanFileName(info.filename);
      const current: Incoming = { chunks: [], size: 0, mimeType: null, ...(fileName ? { fileName } : {}) };
      state.file = current;
      let head = Buffer.alloc(0);
      stream.on('data', (chunk: Buffer) => {
        if (state.outcome) return;
        if (current.mimeType === null) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= SNIFF_BYTES) {
            current.mimeType = sniffFileType(head) ?? '';
            if (!limits.types.includes(current.mimeType)) {
              state.outcome = 'unsupported';
              current.chunks = [];
              return;
            }
          }
        }
        current.chunks.push(chunk);
        current.size += chunk.length;
      });
      stream.on('limit', () => {
        state.outcome ??= 'too-large';
        current.chunks = [];
      });
    });
    parser.on('error', () => finish('malformed'));
    parser.on('close', () => finish(null));

    let done = false;
    function finish(failure: Failure | null): void {
      if (done) return;
      done = true;
      if (failure) {
        req.unpipe(parser);
        req.resume();
        return resolve({ kind: failure });
      }
      if (state.outcome) return resolve({ kind: state.outcome });
      const file = state.file;
      if (!file) return resolve({ kind: 'no-file' });
      if (file.size === 0) return resolve({ kind: 'empty' });
      const bytes = Buffer.concat(file.chunks);
      // A file shorter than the sniff window is recognised from what there is.
      const mimeType = file.mimeType || sniffFileType(bytes) || '';
      if (!limits.types.includes(mimeType)) return resolve({ kind: 'unsupported' });
      resolve({
        kind: 'ok',
        file: { bytes, mimeType, ...(file.fileName ? { fileName: file.fileName } : {}) },
        text: fields.text ?? '',
        ...(fields.clientMessageId !== undefined ? { clientMessageId: fields.clientMessageId } : {}),
      });
    }
    req.pipe(parser);
  });
}
