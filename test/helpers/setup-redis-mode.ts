/**
 * The "redis" jest project (jest.config.js): suites that start the whole service run again with
 * BullMQ and the Redis event bus instead of the embedded queue (test/helpers/service.ts reads
 * this), because that is the configuration several processes need.
 */
process.env.HD_TEST_MODE = 'redis';
