import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';

/**
 * Requests another website can make a browser send. The API authenticates with a bearer token that a
 * page of another site cannot read, but the refresh cookie is sent along with any request to
 * /api/auth, and a form on another site could sign a victim's browser in to the attacker's account
 * (login CSRF: what the victim then types is recorded under the attacker's name). Two rules close that:
 *
 * - the sign-in routes take JSON only, which an HTML form cannot send (it sends urlencoded, multipart
 *   or text/plain; JSON from another origin needs a CORS preflight, which fails);
 * - a state-changing request the browser marks as coming from another site (Sec-Fetch-Site, or an
 *   Origin that is neither this server nor one of CORS_ORIGINS) is refused before any handler runs.
 *
 * Requests without those headers (curl, server-to-server calls, the tests) are not from a browser
 * page, so there is no victim whose browser could be borrowed: they pass.
 */

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const header = (req: FastifyRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The path the router matched (`/api/auth/login`), so `/api/%61uth/login` cannot step around a rule;
 * for an unknown path (a 404 anyway) the URL's own path.
 */
function pathOf(req: FastifyRequest): string {
  const path = req.routeOptions.url ?? req.url.split('?', 1)[0] ?? req.url;
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** `https://Example.cn:443/` → `https://example.cn`; null for `null` and anything that is not an origin. */
function normaliseOrigin(raw: string): URL | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The request's own host, as the browser wrote it in the address bar: the Host header (or, behind a
 * trusted proxy, X-Forwarded-Host, which Fastify's `request.host` already chooses), normalised with
 * the origin's scheme so that `example.cn:443` and `example.cn` are the same.
 */
function sameHost(origin: URL, requestHost: string): boolean {
  if (!requestHost) return false;
  try {
    return new URL(`${origin.protocol}//${requestHost}`).host === origin.host;
  } catch {
    return false;
  }
}

/**
 * Whether a state-changing request may go on: true unless the browser says it comes from another
 * site. `allowedOrigins` are CORS_ORIGINS (normalised origins, e.g. `https://partner.example.cn`).
 */
export function fromAllowedSite(
  headers: { origin?: string; secFetchSite?: string },
  requestHost: string,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  const site = headers.secFetchSite?.trim().toLowerCase();
  const origin = headers.origin === undefined ? undefined : normaliseOrigin(headers.origin);
  const originAllowed =
    origin === undefined ? false : origin !== null && (allowedOrigins.has(origin.origin) || sameHost(origin, requestHost));
  // The browser says: another site (another registrable domain), or a sibling subdomain. Only an
  // origin this server names as its own or lists in CORS_ORIGINS may do that.
  if (site === 'cross-site' || site === 'same-site') return originAllowed;
  // `same-origin`, `none` (typed by the person) or no Sec-Fetch-Site (older browsers, curl): the Origin decides when there is one.
  if (headers.origin !== undefined) return originAllowed;
  return true;
}

/** The one media type the sign-in routes parse; the parameters (`; charset=utf-8`) do not matter. */
function isJson(contentType: string): boolean {
  return contentType.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/** A request that carries a body (without one, a POST such as refresh or logout has nothing to parse). */
function hasBody(req: FastifyRequest): boolean {
  const length = header(req, 'content-length');
  return header(req, 'transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0');
}

const crossSite = () => new DomainError(403, 'CROSS_SITE_REQUEST');

const jsonOnly = () => new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE.COMMON');

/**
 * Installs both rules as an `onRequest` hook: before the body is read and before the rate limit
 * counts the request, so a refused form post costs nothing and signs nobody in.
 */
export function registerCrossSiteChecks(app: NestFastifyApplication, corsOrigins: readonly string[]): void {
  const allowed = new Set(corsOrigins.map((o) => normaliseOrigin(o)?.origin).filter((o): o is string => !!o));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, _reply, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const path = pathOf(req);
    if (!path.startsWith('/api/')) return next();
    if (!fromAllowedSite({ origin: header(req, 'origin'), secFetchSite: header(req, 'sec-fetch-site') }, req.host, allowed)) {
      return next(crossSite());
    }
    if (req.method === 'POST' && path.startsWith('/api/auth/')) {
      const contentType = header(req, 'content-type');
      if (contentType !== undefined ? !isJson(contentType) : hasBody(req)) return next(jsonOnly());
    }
    next();
  });
}
