import express from 'express';
import { originMatcher, webchatCors } from '../../../channels/webchat/cors';
import { listen } from '../../helpers/http';

describe('web chat CORS', () => {
  it('matches exact origins, wildcard subdomains and "*"', () => {
    const m = originMatcher(['https://*.cirebonkab.go.id', 'https://cirebonkab.go.id', 'http://localhost:8080']);
    expect(m('https://dinkes.cirebonkab.go.id')).toBe(true);
    expect(m('https://cirebonkab.go.id')).toBe(true);
    expect(m('http://localhost:8080')).toBe(true);
    expect(m('http://dinkes.cirebonkab.go.id')).toBe(false); // scheme must match
    expect(m('https://evilcirebonkab.go.id')).toBe(false);
    expect(m('https://cirebonkab.go.id.evil.com')).toBe(false);
    expect(originMatcher(['*'])('https://anything.example')).toBe(true);
    expect(originMatcher([])('https://dinkes.cirebonkab.go.id')).toBe(false);
  });

  it('answers preflights for allowed origins and refuses others', async () => {
    const app = express();
    app.use('/api/v1/webchat', webchatCors(['https://*.cirebonkab.go.id']));
    app.post('/api/v1/webchat/sessions', (_req, res) => {
      res.status(201).json({ ok: true });
    });
    const server = await listen(app);
    try {
      const ok = await fetch(`${server.url}/api/v1/webchat/sessions`, {
        method: 'OPTIONS',
        headers: { origin: 'https://disdik.cirebonkab.go.id', 'access-control-request-method': 'POST' },
      });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://disdik.cirebonkab.go.id');
      expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      const denied = await fetch(`${server.url}/api/v1/webchat/sessions`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
      expect(denied.status).toBe(403);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      const post = await fetch(`${server.url}/api/v1/webchat/sessions`, { method: 'POST', headers: { origin: 'https://disdik.cirebonkab.go.id' } });
      expect(post.headers.get('access-control-allow-origin')).toBe('https://disdik.cirebonkab.go.id');
    } finally {
      await server.close();
    }
  });
});
