/**
 * Telegram limits callback_data to 64 bytes. Option values that fit travel as they are; longer
 * ones (or ones that look like our keys) travel as `#k:<hash>` and the value is kept in a bounded
 * in-memory map (least recently used evicted) and, when a CallbackValueStore is given, in that
 * shared store too: a button sent by one process resolves in another and after a restart. Without
 * the store, a press after a restart or eviction cannot be resolved: the adapter tells the user to
 * type the choice instead. Values are meant to be short (option numbers, intent ids), so this is
 * the rare path.
 */
import { createHash } from 'node:crypto';

export const CALLBACK_DATA_MAX_BYTES = 64;
const KEY_PREFIX = '#k:';

/** Where long values are kept for every process (the Store's documents in the service). */
export interface CallbackValueStore {
  put(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | null>;
}

export class CallbackDataMap {
  private readonly values = new Map<string, string>();

  constructor(
    private readonly capacity = 10_000,
    private readonly shared?: CallbackValueStore,
  ) {}

  /** Whether `value` travels as a key rather than as itself. */
  static needsKey(value: string): boolean {
    return Buffer.byteLength(value, 'utf8') > CALLBACK_DATA_MAX_BYTES || value.startsWith(KEY_PREFIX);
  }

  encode(value: string): string {
    if (!CallbackDataMap.needsKey(value)) return value;
    const key = KEY_PREFIX + createHash('sha256').update(value).digest('base64url').slice(0, 24);
    this.remember(key, value);
    return key;
  }

  /** Encodes the values and keeps the long ones in the shared store (before the buttons are sent). */
  async share(values: string[]): Promise<void> {
    if (!this.shared) return;
    for (const value of values) {
      if (CallbackDataMap.needsKey(value)) await this.shared.put(this.encode(value), value);
    }
  }

  /** Loads a key this process does not know from the shared store, so decode() finds it. */
  async load(data: string): Promise<void> {
    if (!this.shared || !data.startsWith(KEY_PREFIX) || this.values.has(data)) return;
    const value = await this.shared.get(data);
    if (value !== null) this.remember(data, value);
  }

  /** The option's value, or undefined for a key this process no longer knows. */
  decode(data: string): string | undefined {
    if (!data.startsWith(KEY_PREFIX)) return data;
    const value = this.values.get(data);
    if (value !== undefined) this.remember(data, value);
    return value;
  }

  private remember(key: string, value: string): void {
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value!);
  }
}
