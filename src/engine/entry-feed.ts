/**
 * One conversation's entries for a live stream, complete and in order: what the store holds
 * after the client's cursor first, then live events, with no duplicates and no gaps.
 *
 * Live events may arrive before start() (the subscription is confirmed before the stream
 * answers, then the stored entries are replayed): they wait in a buffer. An event whose seq is
 * not the next one (an earlier event lost or overtaken, e.g. published by two processes) makes
 * the feed read the store after its cursor instead, which holds every entry before it is
 * published. A stream without a cursor starts at the beginning of the conversation.
 */
import type { Store, TranscriptEntry } from '../store/port';

export interface EntryFeedOptions {
  store: Pick<Store, 'transcript'>;
  /** The conversation, or null while it does not exist yet (a web chat before its first message). */
  conversationId: () => Promise<string | null>;
  /** Seq of the last entry the client has; 0 = from the start. */
  afterSeq: number;
  /** No cursor known: nothing is replayed and the first live entry sets it (the old behaviour of a bare watch). */
  startAtLive?: boolean;
  /** Entries to show; skipped ones still move the cursor. */
  visible?: (entry: TranscriptEntry) => boolean;
  emit: (entry: TranscriptEntry) => void;
  onError?: (err: unknown) => void;
}

const PAGE = 500;
const UNKNOWN = -1;

export class EntryFeed {
  private lastSeq: number;
  private started = false;
  private closed = false;
  private readonly buffered: TranscriptEntry[] = [];
  private chain: Promise<void> = Promise.resolve();
  private conversation: string | null = null;

  constructor(private readonly options: EntryFeedOptions) {
    this.lastSeq = options.startAtLive ? UNKNOWN : options.afterSeq;
  }

  /** Seq of the last entry passed on (or skipped as invisible); null while unknown. */
  get cursor(): number | null {
    return this.lastSeq === UNKNOWN ? null : this.lastSeq;
  }

  /** A live entry of this conversation. */
  push(entry: TranscriptEntry): void {
    if (this.closed) return;
    if (!this.started) {
      this.buffered.push(entry);
      return;
    }
    this.enqueue(() => this.take(entry));
  }

  /** Replays the stored entries after the cursor, then what arrived meanwhile; resolves when done. */
  start(): Promise<void> {
    this.started = true;
    this.enqueue(async () => {
      await this.replay();
      for (const entry of this.buffered.splice(0)) await this.take(entry);
    });
    return this.chain;
  }

  close(): void {
    this.closed = true;
    this.buffered.length = 0;
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((err: unknown) => this.options.onError?.(err));
  }

  private async take(entry: TranscriptEntry): Promise<void> {
    if (this.lastSeq === UNKNOWN) this.lastSeq = entry.seq - 1;
    if (this.closed || entry.seq <= this.lastSeq) return;
    if (entry.seq === this.lastSeq + 1) this.pass(entry);
    else await this.replay();
  }

  private async replay(): Promise<void> {
    if (this.lastSeq === UNKNOWN) return;
    const id = this.conversation ?? (this.conversation = await this.options.conversationId());
    if (!id) return;
    for (;;) {
      if (this.closed) return;
      const page = await this.options.store.transcript(id, this.lastSeq, PAGE);
      for (const entry of page) if (entry.seq > this.lastSeq) this.pass(entry);
      if (page.length < PAGE) return;
    }
  }

  private pass(entry: TranscriptEntry): void {
    this.lastSeq = entry.seq;
    if (!this.closed && (this.options.visible?.(entry) ?? true)) this.options.emit(entry);
  }
}
