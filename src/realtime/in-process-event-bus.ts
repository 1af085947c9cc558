/**
 * Live events inside one process (the embedded default: the API and the workers share it).
 * Listeners run synchronously on publish; a throwing listener is isolated from the others.
 */
import { EventEmitter } from 'node:events';
import type { EventBus } from '../queue/port';

export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onError: (context: string, err: unknown) => void = () => {}) {
    // Each SSE client adds a listener; there may be many.
    this.emitter.setMaxListeners(0);
  }

  async publish(topic: string, event: Record<string, unknown>): Promise<void> {
    deliver(this.emitter.listeners(topic) as Listener[], event, topic, this.onError);
  }

  subscribe(topic: string, listener: Listener): () => void {
    this.emitter.on(topic, listener);
    return () => {
      this.emitter.off(topic, listener);
    };
  }

  /** Nothing to confirm (and nothing can be interrupted) inside one process. */
  async listen(topic: string, listener: Listener): Promise<() => void> {
    return this.subscribe(topic, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export type Listener = (event: Record<string, unknown>) => void;

/** Calls every listener; one listener's exception neither stops the others nor the publisher. */
export function deliver(listeners: Iterable<Listener>, event: Record<string, unknown>, topic: string, onError: (context: string, err: unknown) => void): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (err) {
      onError(`event listener ${topic}`, err);
    }
  }
}
