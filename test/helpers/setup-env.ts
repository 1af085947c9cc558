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
