/**
 * `npm start`: runs the service (HTTP + workers by default; PROCESS_ROLE=api|worker to split).
 * SIGTERM/SIGINT stop it gracefully: no new work, finish what is in hand, close connections.
 */
import { ConfigError } from './config/env';
import { DataFileError } from './domain/errors';
import { startService } from './app/service';

process.env.DOTENV_CONFIG_QUIET = 'true';

async function main(): Promise<void> {
  const service = await startService();
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    process.stderr.write(`${signal} diterima: menghentikan layanan dengan rapi...\n`);
    const force = setTimeout(() => {
      process.stderr.write('Penghentian melebihi 25 detik; keluar paksa.\n');
      process.exit(1);
    }, 25_000);
    force.unref();
    service.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`Gagal berhenti dengan rapi: ${(err as Error)?.stack ?? String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (service.url) {
    const base = service.config.PUBLIC_URL?.replace(/\/+$/, '') ?? service.url;
    process.stderr.write(`Helpdesk SPBE siap di ${base} (obrolan web di ${base}/, konsol petugas di ${base}/konsol, metrik di ${service.url}/metrics)\n`);
  } else {
    process.stderr.write(
      `Pekerja Helpdesk SPBE siap (PROCESS_ROLE=${service.config.PROCESS_ROLE}, antrean ${service.queue.kind}; /healthz, /readyz dan /metrics di ${service.httpUrl})\n`,
    );
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFileError) {
    process.stderr.write(`Tidak dapat memulai: ${err.message}\n`);
  } else {
    process.stderr.write(`Tidak dapat memulai: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
