/**
 * A minimal Server-Sent Events reader over fetch for tests: records every event (id, type,
 * data), remembers the last id like a browser's EventSource, and reconnects only when asked
 * (`open(lastEventId)`), so a test decides exactly when a stream drops and resumes.
 */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export class SseStream {
  readonly events: SseEvent[] = [];
  lastEventId: string | null = null;
  status = 0;
  private abort: AbortController | null = null;
  private reading: Promise<void> | null = null;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(private readonly url: string, private readonly headers: Record<string, string> = {}) {}

  /** Connects (sending Last-Event-ID when given) and resolves once the response headers arrived. */
  async open(lastEventId: string | null = null, url = this.url): Promise<number> {
    this.close();
    const abort = new AbortController();
    this.abort = abort;
    const res = await fetch(url, {
      headers: { accept: 'text/event-stream', ...this.headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: abort.signal,
    });
    this.status = res.status;
    if (res.status !== 200 || !res.body) {
      await res.text().catch(() => undefined);
      return res.status;
    }
    const reader = res.body.getReader();
    this.reading = (async () => {
      let buffer = '';
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            this.parse(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
        }
      } catch {
        /* aborted or dropped */
      }
    })();
    return res.status;
  }

  /** Resolves once `test()` holds (checked on every event); rejects after `timeoutMs`. */
  waitFor(test: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; got ${this.events.length} events: ${JSON.stringify(this.events.slice(-5))}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The data of every event of this type, parsed as JSON. */
  data<T = Record<string, unknown>>(event = 'message'): T[] {
    return this.events.filter((e) => e.event === event).map((e) => JSON.parse(e.data) as T);
  }

  close(): void {
    this.abort?.abort();
    this.abort = null;
  }

  /** Resolves when the current connection has ended (the server closed it or close() was called). */
  async ended(): Promise<void> {
    await this.reading;
  }

  private parse(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'id') id = value;
      else if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
      else continue;
      fields++;
    }
    if (id !== null) this.lastEventId = id;
    if (fields === 0 || data.length === 0) return;
    this.events.push({ id, event, data: data.join('\n') });
    this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
  }
}
