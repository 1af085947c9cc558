/**
 * Shared bits of the channel end-to-end tests (test/integration/telegram-e2e.test.ts and
 * whatsapp-e2e.test.ts): waiting for a whole turn through the real service (the user's message
 * processed and every reply of the conversation handed to the platform), and reading the bot's
 * words back from a fake platform in the shape `nextAnswer` (test/helpers/citizen.ts) understands.
 */
import type { Channel } from '../../src/domain/ids';
import type { Store, TranscriptEntry } from '../../src/store/port';
import type { RecordedCall } from './fake-telegram-server';
import type { ChatMessage } from './webchat-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (not undefined); throws a readable error after `limitMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(40);
  }
}

export interface TurnResult {
  conversationId: string;
  transcript: TranscriptEntry[];
}

/**
 * Resolves once the user message `externalId` on (channel, threadId) is stored and processed and
 * every non-user entry of the conversation has a final delivery record (sent or failed), i.e. the
 * platform received every reply the turn produced. `undelivered: 'allow'` skips the delivery part
 * (an unreachable conversation gets no deliveries).
 */
export async function waitTurn(
  store: Store,
  channel: Channel,
  threadId: string,
  externalId: string,
  options: { undelivered?: 'allow'; limitMs?: number } = {},
): Promise<TurnResult> {
  let state = 'no conversation yet';
  try {
    return await eventually(
      `the turn of ${channel}:${externalId}`,
      async () => {
        const conversation = await store.findConversation(channel, threadId);
        if (!conversation) return undefined;
        const transcript = await store.transcript(conversation.id);
        const mine = transcript.find((e) => e.from === 'user' && e.externalId === externalId);
        if (!mine) return void (state = 'message not stored');
        if (mine.state !== 'processed' || conversation.outbox.some((o) => !transcript.some((e) => e.id === o.id))) {
          return void (state = 'message not processed');
        }
        if (options.undelivered !== 'allow') {
          const final = new Set(
            (await store.listDeliveries({ limit: 5000 })).filter((d) => d.conversationId === conversation.id && d.status !== 'pending').map((d) => d.id),
          );
          const open = transcript.filter((e) => e.from !== 'user' && !final.has(e.id));
          if (open.length) return void (state = `replies not delivered: ${open.map((e) => JSON.stringify(e.text.slice(0, 60))).join(', ')}`);
        }
        return { conversationId: conversation.id, transcript };
      },
      options.limitMs,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message} (${state})`);
  }
}

// ---- Telegram ----------------------------------------------------------------------------------

/** sendMessage calls to one chat, from position `from` of the fake's call log. */
export function sendMessagesTo(calls: RecordedCall[], chatId: number | string, from = 0): RecordedCall[] {
  return calls.slice(from).filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === String(chatId));
}

interface TgButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export function buttonsOf(call: RecordedCall): TgButton[] {
  const rows = (call.body.reply_markup?.inline_keyboard ?? []) as TgButton[][];
  return rows.flat();
}

/** What the user sees in Telegram: the text (HTML stripped) and the callback buttons as options. */
export function telegramAsChat(calls: RecordedCall[]): ChatMessage[] {
  return calls.map((c, i) => ({
    id: String(i),
    from: 'bot' as const,
    text: String(c.body.text ?? '').replace(/<[^>]*>/g, ''),
    options: buttonsOf(c)
      .filter((b) => b.callback_data !== undefined)
      .map((b) => ({ label: b.text, value: b.callback_data! })),
    at: '',
  }));
}

// ---- WhatsApp ----------------------------------------------------------------------------------

/** What the user sees in WhatsApp: plain texts; a numbered menu "1. Label" becomes options valued "1", "2", ... */
export function whatsappAsChat(texts: string[]): ChatMessage[] {
  return texts.map((text, i) => ({
    id: String(i),
    from: 'bot' as const,
    text,
    options: [...text.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => ({ label: m[2]!.trim(), value: m[1]! })),
    at: '',
  }));
}
