/**
 * The service with the officer console mounted on the test's clock, and a browser, for the
 * console's browser tests (test/e2e/console*.e2e.test.ts).
 */
import { Router } from 'express';
import type { Browser } from 'playwright-core';
import { createOfficerModule } from '../../src/app/officer-module';
import { createLogger } from '../../src/runtime/logger';
import { loadBusinessCalendar, loadSlaConfig } from '../../src/tickets';
import { launchBrowser } from './browser';
import { startTestService, type TestService } from './service';

export interface ConsoleService {
  service: TestService;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startConsoleService(now: () => number): Promise<ConsoleService> {
  const slot = Router();
  const service = await startTestService({ now, routers: [slot] });
  const officers = createOfficerModule({
    store: service.store,
    queue: service.queue,
    events: service.events,
    turns: service.turns,
    tickets: service.tickets,
    knowledge: service.knowledge,
    calendar: loadBusinessCalendar(),
    sla: loadSlaConfig(),
    now,
    logger: createLogger('silent'),
    sweepIntervalMs: 0,
  });
  for (const r of officers.routers) slot.use(r);
  const browser = await launchBrowser();
  return {
    service,
    browser,
    async stop() {
      await browser.close();
      officers.stop();
      await service.cleanup();
    },
  };
}
