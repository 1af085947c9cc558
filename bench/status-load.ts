/**
 * The load generator of the status-page bench, as its own process (clients are outside the
 * service; on a 2-core machine they compete for CPU as real visitors' TLS terminators would not,
 * so the figure is conservative). Started by bench/status-under-incident.ts with an IPC channel:
 *   parent -> { url, concurrency }   start requesting GET url, keep-alive, `concurrency` in flight
 *   parent -> 'stop'                  stop; answers { done: number[] (completion epoch ms), latencies: number[] (ms), errors }
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

interface Start {
  url: string;
  concurrency: number;
}

let running = false;
const done: number[] = [];
const latencies: number[] = [];
let errors = 0;

function request(agent: http.Agent, url: URL): Promise<void> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200 || res.statusCode === 304) {
          done.push(Date.now());
          latencies.push(performance.now() - t0);
        } else errors++;
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
  });
}

async function loop(agent: http.Agent, url: URL): Promise<void> {
  while (running) await request(agent, url);
}

process.on('message', (msg: Start | 'stop') => {
  if (msg === 'stop') {
    running = false;
    // Let the requests in flight finish, then report.
    setTimeout(() => {
      process.send?.({ done, latencies, errors }, () => process.exit(0));
    }, 200);
    return;
  }
  running = true;
  const agent = new http.Agent({ keepAlive: true, maxSockets: msg.concurrency });
  const url = new URL(msg.url);
  for (let i = 0; i < msg.concurrency; i++) void loop(agent, url);
  process.send?.('started');
});
