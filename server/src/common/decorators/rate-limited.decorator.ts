import { RouteConfig } from '@nestjs/platform-fastify';

/**
 * Marks a route for the auth rate limit (@fastify/rate-limit, registered in app.factory.ts with
 * `global: false`). The limit is per client address per minute (AUTH_RATE_LIMIT_PER_MINUTE); it is
 * checked in Fastify's onRequest hook, before any password is.
 */
export const RateLimited = () => RouteConfig({ rateLimit: {} });
