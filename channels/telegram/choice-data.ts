/**
 * What an inline button carries back: the option's value and, when the reply had one, the key of
 * the question it belongs to (Reply.context). `~<key>:<value>` goes into callback_data (through
 * the adapter's CallbackDataMap when longer than Telegram's 64 bytes); the engine compares the
 * key with the conversation's current question, so a button pressed after its flow moved on is
 * answered as stale instead of being read as free text. A keyboard that was used is replaced by
 * one marker button carrying USED_CHOICE.
 */
export const USED_CHOICE = '~used';

const PACKED = /^~([A-Za-z0-9_-]{1,16}):([\s\S]*)$/;

export function packChoice(value: string, context: string | undefined): string {
  return context && /^[A-Za-z0-9_-]{1,16}$/.test(context) ? `~${context}:${value}` : value;
}

export type Choice = { kind: 'value'; value: string; context?: string } | { kind: 'used' };

export function unpackChoice(data: string): Choice {
  if (data === USED_CHOICE) return { kind: 'used' };
  const m = PACKED.exec(data);
  return m ? { kind: 'value', value: m[2]!, context: m[1]! } : { kind: 'value', value: data };
}
