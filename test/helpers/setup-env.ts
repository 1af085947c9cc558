// natural runs dotenv at import and prints notices; keep test output (and stdout) clean.
process.env.DOTENV_CONFIG_QUIET = 'true';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
