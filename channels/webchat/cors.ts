/**
 * CORS for the web chat API, so the widget embedded on other Pemkab sites can call it. Origins
 * come from config: exact origins ("https://dinas.example.go.id") or a wildcard subdomain
 * ("https://*.cirebonkab.go.id"), or "*" for any. The API uses bearer tokens, never cookies.
 */
import type { RequestHandler } from 'express';

export function originMatcher(allowed: readonly string[]): (origin: string) => boolean {
  const rules = allowed.map((a) => a.trim()).filter(Boolean);
  return (origin) =>
    rules.some((rule) => {
      if (rule === '*') return true;
      const wildcard = /^(https?):\/\/\*\.(.+)$/.exec(rule);
      if (!wildcard) return rule === origin;
      const parsed = /^(https?):\/\/([^/:]+)(:\d+)?$/.exec(origin);
      return !!parsed && parsed[1] === wildcard[1] && parsed[2]!.endsWith(`.${wildcard[2]}`);
    });
}

export function webchatCors(allowed: readonly string[]): RequestHandler {
  const isAllowed = originMatcher(allowed);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && isAllowed(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && isAllowed(origin) ? 204 : 403).end();
      return;
    }
    next();
  };
}
