import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { documentErrorResponses, type ServerLimits } from './error-responses';
import { collectRouteFacts } from './route-facts';

export { operationIdOf } from './route-facts';

/** What the bearer token is and how it is checked (jwt.strategy.ts, auth.module.ts, config/env.ts). */
const BEARER_DESCRIPTION =
  'The access token from POST /api/auth/login (or /api/auth/refresh): a JWS signed and verified with HS256 only, ' +
  'following RFC8725 (JSON Web Token Best Current Practices): the algorithm is pinned on both sides (`none` and ' +
  'any other algorithm are refused), `exp` is enforced and a token lives 15 minutes at most, the key is a secret of at ' +
  'least 32 characters (weak ones are refused at start-up), and every use is checked against its live session row, so ' +
  'a revoked session or a changed account ends it at once. One issuer and one audience: no `iss`/`aud` claims.';

const REFRESH_COOKIE_DESCRIPTION =
  'The refresh token: an httpOnly, SameSite=Strict cookie on /api/auth, set by sign-in and rotated on every use ' +
  '(a reused token ends its whole session family).';

/**
 * Completes the document Swagger built from the controllers: the error answers of every route, the
 * constraints the path parameter pipes enforce, the rate-limit headers, the security schemes'
 * descriptions, and a tag entry for every tag an operation uses.
 */
export function finishOpenApiDocument(app: INestApplication, document: OpenAPIObject, limits: ServerLimits): OpenAPIObject {
  documentErrorResponses(document, collectRouteFacts(app), limits);
  const schemes = document.components?.securitySchemes ?? {};
  const bearer = schemes['bearer'];
  if (bearer && !('$ref' in bearer)) bearer.description = BEARER_DESCRIPTION;
  const cookie = schemes['jbh_refresh'];
  if (cookie && !('$ref' in cookie)) cookie.description = REFRESH_COOKIE_DESCRIPTION;
  const declared = new Set((document.tags ?? []).map((t) => t.name));
  const used = new Set(
    Object.values(document.paths).flatMap((item) =>
      Object.values(item).flatMap((op: unknown) =>
        op && typeof op === 'object' && 'tags' in op ? ((op as { tags?: string[] }).tags ?? []) : [],
      ),
    ),
  );
  document.tags = [
    ...(document.tags ?? []),
    ...[...used]
      .filter((t) => !declared.has(t))
      .sort()
      .map((name) => ({ name })),
  ];
  return document;
}
