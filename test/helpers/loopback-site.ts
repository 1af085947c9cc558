/**
 * A local web application for monitoring tests: an HTTP (or HTTPS) server on 127.0.0.1 that can
 * go down (the port is closed: connection refused) and come back on the same port, or answer
 * with another status. Never any other address. Records each request it answered.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface LoopbackSiteOptions {
  /** PEM key and certificate: HTTPS instead of HTTP. */
  tls?: { key: string; cert: string };
  body?: string;
}

export class LoopbackSite {
  /** Status of the next answers (200 = up). */
  status = 200;
  body: string;
  /** Answer nothing (a hung server) while true. */
  hang = false;
  readonly requests: { at: number; userAgent: string }[] = [];
  private server: http.Server | null = null;
  private port = 0;

  private constructor(private readonly options: LoopbackSiteOptions) {
    this.body = options.body ?? '<html><body>Aplikasi uji</body></html>';
  }

  static async start(options: LoopbackSiteOptions = {}): Promise<LoopbackSite> {
    const site = new LoopbackSite(options);
    await site.up();
    return site;
  }

  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}/`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Starts listening (again, on the same port once one was chosen). */
  async up(): Promise<void> {
    if (this.server) return;
    const handler: http.RequestListener = (req, res) => {
      this.requests.push({ at: Date.now(), userAgent: String(req.headers['user-agent'] ?? '') });
      if (this.hang) return;
      if (req.url === '/pindah') {
        res.writeHead(302, { location: '/' }).end();
        return;
      }
      res.writeHead(this.status, { 'content-type': 'text/html; charset=utf-8' }).end(this.body);
    };
    const server = this.options.tls ? https.createServer(this.options.tls, handler) : http.createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: connections are refused until up() again. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
