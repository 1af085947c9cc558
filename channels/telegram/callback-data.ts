/**
 * Telegram limits callback_data to 64 bytes. Option values that fit travel as they are; longer
 * ones (or ones that look like our keys) travel as `#k:<hash>` and the value is kept in a bounded
 * in-memory map (least recently used evicted). After a restart or eviction a press on such a
 * button cannot be resolved: the adapter tells the user to type the choice instead. Values are
 * meant to be short (option numbers, intent ids), so this is the rare path.
 */
import { createHash } from 'node:crypto';

export const CALLBACK_DATA_MAX_BYTES = 64;
const KEY_PREFIX = '#k:';

export class CallbackDataMap {
  private readonly values = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  encode(value: string): string {
    if (Buffer.byteLength(value, 'utf8') <= CALLBACK_DATA_MAX_BYTES && !value.startsWith(KEY_PREFIX)) return value;
    const key = KEY_PREFIX + createHash('sha256').update(value).digest('base64url').slice(0, 24);
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value!);
    return key;
  }

  /** The option's value, or undefined for a key this process no longer knows. */
  decode(data: string): string | undefined {
    if (!data.startsWith(KEY_PREFIX)) return data;
    const value = this.values.get(data);
    if (value !== undefined) {
      this.values.delete(data);
      this.values.set(data, value);
    }
    return value;
  }
}
