import { ConfigError, loadConfig } from '../../../src/config/env';

describe('loadConfig', () => {
  it('gives safe embedded defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.MONGODB_URI).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.WHATSAPP_ENABLED).toBe(false);
    expect(c.CHROMIUM_PATH).toBe('/usr/bin/chromium');
    expect(c.PROCESS_ROLE).toBe('all');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ REDIS_URL: '', MONGODB_URI: '' }).REDIS_URL).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ WHATSAPP_ENABLED: 'maybe' })).toThrow(/WHATSAPP_ENABLED/);
  });

  it('refuses separate api/worker processes on the in-process queue', () => {
    expect(() => loadConfig({ PROCESS_ROLE: 'worker' })).toThrow(/REDIS_URL/);
    expect(loadConfig({ PROCESS_ROLE: 'worker', REDIS_URL: 'redis://127.0.0.1:6379' }).PROCESS_ROLE).toBe('worker');
  });
});
