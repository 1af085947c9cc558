/**
 * Abandoned flows: the timer armed when a flow starts closes it once it has really been idle past
 * its time-out, tells the user, and re-arms when the flow was touched since. Real service (store,
 * dialogue, turn processor); the queue's `schedule` is recorded (the queue has its own contract).
 */
import { createFlowExpiry, flowTimerKey } from '../../src/engine/flow-expiry';
import { buildConversationModel } from '../../src/app/conversation-model';
import type { QueueBus, TimerJob } from '../../src/queue/port';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

describe('flow time-outs', () => {
  let service: TestService;
  const { dialogue } = buildConversationModel({ DATA_DIR: '/tmp', FLOW_TIMEOUT_MINUTES: 30 });
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.cleanup());

  it('arms on a new flow, re-arms while touched, closes and tells the user once expired', async () => {
    const client = await new WebchatClient(service.url).open();
    await client.say('mau lapor gangguan, aplikasi sikaton tidak bisa login');
    const conversation = (await service.store.findConversation('webchat', client.sessionId))!;
    const flow = conversation.flow as { startedAt: number; updatedAt: number; flow: string };
    expect(flow.flow).toMatch(/gangguan/);

    const scheduled: { job: TimerJob; runAt: number }[] = [];
    const queue = { schedule: async (job: TimerJob, runAt: number) => void scheduled.push({ job, runAt }) } as unknown as QueueBus;
    let clock = flow.updatedAt;
    const expiry = createFlowExpiry({ store: service.store, queue, dialogue, turns: service.turns, now: () => clock });

    // A turn that starts a flow arms exactly one timer for it; a turn inside the same flow does not.
    await expiry.afterTurn({ ...conversation, flow: null }, conversation);
    await expiry.afterTurn(conversation, conversation);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.job).toMatchObject({ key: flowTimerKey(conversation.id, flow.startedAt), kind: 'flow-timeout' });
    expect(scheduled[0]!.runAt).toBeGreaterThan(flow.updatedAt + 30 * 60_000);

    // Not yet expired: re-armed, flow kept.
    clock = flow.updatedAt + 10 * 60_000;
    await expiry.onTimer(conversation.id, flow.startedAt);
    expect(scheduled).toHaveLength(2);
    expect((await service.store.getConversation(conversation.id))!.flow).not.toBeNull();

    // Expired: flow closed, the user told once, and a repeated timer does nothing more.
    clock = flow.updatedAt + 31 * 60_000;
    await expiry.onTimer(conversation.id, flow.startedAt);
    await expiry.onTimer(conversation.id, flow.startedAt);
    expect((await service.store.getConversation(conversation.id))!.flow).toBeNull();
    const notices = (await client.history()).messages.filter((m) => m.id.includes(':expired:'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/lama tidak ada balasan/);
  });
});
