import { Router } from 'express';

export interface MetricsSource {
  render(): Promise<{ contentType: string; body: string }>;
}

/** GET /metrics: Prometheus text format (interfaces.md section 5). No personal data in it. */
export function metricsRoutes(metrics: MetricsSource): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  });
  return router;
}
