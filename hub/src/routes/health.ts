/** GET /healthz: 200 when the database answers, 503 when it does not (for the reverse proxy and monitoring). */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context.ts';

export async function healthRoutes(app: FastifyInstance, opts: { ctx: HubContext }): Promise<void> {
  app.get('/healthz', async (_req, reply) => {
    try {
      await opts.ctx.db.query('select 1');
      return { ok: true, database: opts.ctx.db.kind };
    } catch {
      return reply.code(503).send({ ok: false, error: 'database unavailable' });
    }
  });
}
