/** A scripted web chat user driving the public API (interfaces.md section 2). */
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChatMessage {
  id: string;
  from: 'user' | 'bot' | 'agent';
  text: string;
  options?: { label: string; value: string }[];
  at: string;
}

/** A reply's id: `<user message id>:r<n>`, the n-th reply to that message. */
export const REPLY_ID = /^(.+):r(\d+)$/;

export class WebchatClient {
  sessionId = '';
  token = '';
  cursor = '0';
  readonly seen: ChatMessage[] = [];
  private counter = 0;

  constructor(private readonly baseUrl: string) {}

  async open(): Promise<this> {
    const res = await fetch(`${this.baseUrl}/api/v1/webchat/sessions`, { method: 'POST' });
    if (res.status !== 201) throw new Error(`session: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { sessionId: string; token: string };
    this.sessionId = body.sessionId;
    this.token = body.token;
    return this;
  }

  /** Posts a message; returns the HTTP status and body. */
  async post(text: unknown, clientMessageId?: string, token = this.token): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.baseUrl}/api/v1/webchat/sessions/${this.sessionId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text, ...(clientMessageId ? { clientMessageId } : {}) }),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  }

  /** Uploads a file through the attachments API (interfaces.md section 6). */
  async upload(
    bytes: Buffer,
    opts: { name?: string; type?: string; text?: string; clientMessageId?: string; token?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: opts.type ?? 'application/octet-stream' }), opts.name ?? 'berkas.bin');
    if (opts.text !== undefined) form.append('text', opts.text);
    if (opts.clientMessageId !== undefined) form.append('clientMessageId', opts.clientMessageId);
    const res = await fetch(`${this.baseUrl}/api/v1/webchat/sessions/${this.sessionId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token ?? this.token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  }

  /** Uploads a file and waits for the bot's (or an agent's) answer to it. */
  async sendFile(bytes: Buffer, opts: { name?: string; type?: string; text?: string } = {}, timeoutMs = 15_000): Promise<ChatMessage[]> {
    const sent = await this.upload(bytes, { ...opts, clientMessageId: `f${Date.now().toString(36)}${(this.counter++).toString(36)}` });
    if (sent.status !== 202) throw new Error(`upload: ${sent.status} ${JSON.stringify(sent.body)}`);
    return this.waitFor((msgs) => msgs.some((m) => m.from !== 'user' && m.id.startsWith(String(sent.body.id))), timeoutMs);
  }

  async history(after = '0'): Promise<{ messages: ChatMessage[]; cursor: string }> {
    const res = await fetch(`${this.baseUrl}/api/v1/webchat/sessions/${this.sessionId}/messages?after=${after}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (res.status !== 200) throw new Error(`history: ${res.status} ${await res.text()}`);
    return (await res.json()) as { messages: ChatMessage[]; cursor: string };
  }

  /** Every message of the session from the start, following the cursor (leaves `cursor` alone). */
  async fullHistory(): Promise<ChatMessage[]> {
    const all: ChatMessage[] = [];
    let cursor = '0';
    for (;;) {
      const page = await this.history(cursor);
      all.push(...page.messages);
      if (!page.messages.length || page.cursor === cursor) return all;
      cursor = page.cursor;
    }
  }

  /**
   * Sends `text` and waits until the bot (or an agent) has answered it; returns the new
   * non-user messages. Fails after `timeoutMs` without an answer.
   */
  async say(text: string, timeoutMs = 15_000): Promise<ChatMessage[]> {
    const id = `c${Date.now().toString(36)}${(this.counter++).toString(36)}`;
    const sent = await this.post(text, id);
    if (sent.status !== 202) throw new Error(`send: ${sent.status} ${JSON.stringify(sent.body)}`);
    return this.waitFor((msgs) => msgs.some((m) => m.from !== 'user' && m.id.startsWith(String(sent.body.id))), timeoutMs);
  }

  /** Polls the transcript until `done(newMessages)` holds. */
  async waitFor(done: (fresh: ChatMessage[]) => boolean, timeoutMs = 15_000): Promise<ChatMessage[]> {
    const fresh: ChatMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const page = await this.history(this.cursor);
      this.cursor = page.cursor;
      fresh.push(...page.messages);
      this.seen.push(...page.messages);
      if (done(fresh)) return fresh.filter((m) => m.from !== 'user');
      if (Date.now() > deadline) throw new Error(`no answer in ${timeoutMs} ms; got ${JSON.stringify(fresh)}`);
      await sleep(50);
    }
  }

  /** The text of the bot's messages joined, for loose assertions. */
  static text(messages: ChatMessage[]): string {
    return messages.map((m) => m.text).join('\n');
  }
}
