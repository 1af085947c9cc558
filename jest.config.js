/**
 * Tests run TypeScript through ts-jest without type-checking (npm run typecheck does that).
 *
 * Two projects: "embedded" runs every suite; "redis" runs the suites that start the whole
 * service (the browser suites and the service-level pipeline suites) once more with BullMQ and
 * the Redis event bus (test/helpers/setup-redis-mode.ts), the queue a multi-process deployment
 * uses. `npx jest` runs both; `npx jest --selectProjects embedded` only the first. Without a
 * Redis answering (and without REQUIRE_REDIS=1, which CI sets) the "redis" project is left out
 * with a loud warning, as the Redis suites skip.
 */
const { createConnection } = require('node:net');

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/helpers/setup-env.ts'],
};

/** Suites that start the service through test/helpers/service.ts and honour HD_TEST_MODE. */
const SERVICE_SUITES = [
  '<rootDir>/test/e2e/**/*.test.ts',
  '<rootDir>/test/integration/officers-helpdesk.test.ts',
];

function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

module.exports = async () => {
  const projects = [{ ...common, displayName: 'embedded', testMatch: ['**/*.test.ts'] }];
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (process.env.REQUIRE_REDIS === '1' || (await redisAnswers(redisUrl))) {
    projects.push({
      ...common,
      displayName: 'redis',
      testMatch: SERVICE_SUITES,
      setupFiles: [...common.setupFiles, '<rootDir>/test/helpers/setup-redis-mode.ts'],
    });
  } else {
    console.warn(`\n!!! REDIS NOT AVAILABLE at ${redisUrl}: the "redis" test project (service suites on BullMQ) is SKIPPED.\n`);
  }
  // testTimeout is a global option: inside a project it is ignored.
  return { maxWorkers: 2, testTimeout: 30000, projects };
};
