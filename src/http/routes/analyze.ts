import { Router } from 'express';

/** Whatever answers interfaces.md section 1 for one message (src/analyze). */
export interface AnalyzeService {
  analyze(input: { text: unknown; channel?: unknown }): Promise<object>;
}

/** POST /api/v1/analyze {text, channel} -> {type, service, agency, reply, confidence}. */
export function analyzeRoutes(service: AnalyzeService): Router {
  const router = Router();
  router.post('/api/v1/analyze', async (req, res) => {
    const body = (req.body ?? {}) as { text?: unknown; channel?: unknown };
    const result = await service.analyze({ text: body.text, channel: body.channel ?? 'webchat' });
    res.json(result);
  });
  return router;
}
