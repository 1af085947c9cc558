import { Router } from 'express';
import { memoryAnalyzeLimit, type RateLimit } from '../../../channels/webchat/rate-limit';

/** Whatever answers interfaces.md section 1 for one message (src/analyze). */
export interface AnalyzeService {
  analyze(input: { text: unknown; channel?: unknown }): Promise<object>;
}

/** POST /api/v1/analyze {text, channel} -> {type, service, agency, reply, confidence}. */
export function analyzeRoutes(service: AnalyzeService, options: { perIp?: RateLimit } = {}): Router {
  const router = Router();
  const perIp = options.perIp ?? memoryAnalyzeLimit();
  router.post('/api/v1/analyze', async (req, res) => {
    if (!(await perIp.take(req.ip ?? 'unknown'))) {
      res.setHeader('Retry-After', '60');
      res.status(429).json({ error: 'Terlalu banyak permintaan analisis dari alamat ini. Coba lagi dalam satu menit.' });
      return;
    }
    const body = (req.body ?? {}) as { text?: unknown; channel?: unknown };
    const result = await service.analyze({ text: body.text, channel: body.channel ?? 'webchat' });
    res.json(result);
  });
  return router;
}
