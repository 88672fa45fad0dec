/**
 * The one place that registers the hub's routes. Each route group is a Fastify plugin in its own
 * module (its own content-type parsers, hooks and error handler stay inside it); add new groups here.
 */
import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context.ts';
import { healthRoutes } from './health.ts';
import { logsRoutes } from './logs.ts';
import { dslRoutes } from '../dsl/routes.tsx';

export async function registerRoutes(app: FastifyInstance, ctx: HubContext): Promise<void> {
  await app.register(healthRoutes, { ctx });
  await app.register(logsRoutes, { ctx });
  await app.register(dslRoutes, { ctx });
}
