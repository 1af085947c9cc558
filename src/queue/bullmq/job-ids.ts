/**
 * BullMQ custom job ids must not contain ':' nor be integers. Our ids (entry ids, timer keys
 * such as "flow-timeout:abc") are mapped injectively: '%' -> '%25', ':' -> '%3A', plus a
 * letter prefix, so "123" never looks like an integer id.
 */
function escape(raw: string): string {
  return raw.replace(/%/g, '%25').replace(/:/g, '%3A');
}

export function deliveryJobId(entryId: string): string {
  return `d.${escape(entryId)}`;
}

export function timerJobId(key: string): string {
  return `t.${escape(key)}`;
}

/** The second slot a timer uses when its first slot is firing right now (see BullmqQueueBus.schedule). */
export function timerAltJobId(key: string): string {
  return `t2.${escape(key)}`;
}

let oneOff = 0;
/** A unique slot for when both slots of a key are firing (see BullmqQueueBus.schedule). */
export function timerOneOffJobId(key: string): string {
  oneOff = (oneOff + 1) % 1_000_000;
  return `t3.${escape(key)}.${Date.now().toString(36)}.${process.pid.toString(36)}.${oneOff.toString(36)}`;
}
