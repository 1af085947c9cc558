import { tmpdir } from 'node:os';
import { join } from 'node:path';

// natural runs dotenv at import and prints notices; keep test output (and stdout) clean.
process.env.DOTENV_CONFIG_QUIET = 'true';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
// One model cache for the whole run (and for the service processes tests start): the NLU is
// trained once, not in every test's fresh DATA_DIR. The cache key covers faq/ and the code.
process.env.NLU_CACHE_DIR = process.env.NLU_CACHE_DIR ?? join(tmpdir(), `helpdesk-test-nlu-cache-${process.getuid?.() ?? 0}`);
// Service processes started by tests never probe the real catalog addresses (monitoring tests
// set MONITORING=on with their own MONITORS_FILE of local servers).
process.env.MONITORING = process.env.MONITORING ?? 'off';
// Tests and the service processes they start send hundreds of messages a minute from 127.0.0.1:
// the per-address limits are raised for them (test/integration/per-ip-limits.test.ts sets its own).
process.env.LIMIT_MESSAGES_PER_IP_PER_MINUTE = process.env.LIMIT_MESSAGES_PER_IP_PER_MINUTE ?? '1000000';
process.env.LIMIT_STREAMS_PER_IP_PER_MINUTE = process.env.LIMIT_STREAMS_PER_IP_PER_MINUTE ?? '1000000';
process.env.LIMIT_ANALYZE_PER_IP_PER_MINUTE = process.env.LIMIT_ANALYZE_PER_IP_PER_MINUTE ?? '1000000';
