import { RouteConfig } from '@nestjs/platform-fastify';

/** Refresh runs every few minutes in every open tab: a whole facility behind one NAT address shares this. */
export const REFRESH_RATE_LIMIT_PER_MINUTE = 600;

/**
 * Marks a route for the auth rate limit (@fastify/rate-limit, registered in app.factory.ts with
 * `global: false`). The limit is per client address per minute and per route (each marked route
 * counts on its own); by default AUTH_RATE_LIMIT_PER_MINUTE, or `perMinute` for a route that
 * needs more (token refresh). It is checked in Fastify's onRequest hook, before any password is.
 */
export const RateLimited = (perMinute?: number) => RouteConfig({ rateLimit: perMinute === undefined ? {} : { max: perMinute } });
