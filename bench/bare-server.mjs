// The ceiling: a bare node:http + pg server answering the same two requests as the app, doing the
// same work with no framework — what Node and PostgreSQL can do on this machine. Started by
// bench/http.mjs (env: DATABASE_URL, JWT_SECRET, PORT, BARE_MODE, BARE_HTTP, BARE_HEADERS); not part of the product.
//
// BARE_MODE=typeorm (default): the list's SQL as TypeORM's getManyAndCount sent it before issue 17
//   (the page, then the count, one after the other on one connection) — the app's old work, without the app.
// BARE_MODE=best: the list as a careful hand would write it — one round trip for the page and its total
//   (the page and the count as two CTEs, the count LEFT JOINed so an empty page still has its total),
//   only the columns the answer needs, named prepared statements (parsed once per connection), and the
//   live-session query prepared too. Same JSON bytes.
// BARE_HTTP=node (default): node:http. BARE_HTTP=fastify: the same handlers on a plain Fastify with nothing
//   registered — Fastify's own cost, so the app's ratio can be split into Fastify's share and the rest.
// BARE_HEADERS: a JSON object of headers sent with every answer besides content-type and content-length —
//   http.mjs passes the ones the app sends (its security headers, cache-control: no-store, x-request-id), so
//   the bare server answers the same headers and the same body: a careful hand does not serve an API without
//   them. "x-request-id" gets a fresh random UUID per request, as the app makes one. Unset: body only.
//
//   GET /api/health                           SELECT 1 on the pool
//   GET /api/organisations?page=&pageSize=    bearer token verified with jsonwebtoken (HS256, as passport-jwt
//                                             does, but given a KeyObject: see below), the live-session row, then the page and the count on one
//                                             pooled connection, one after the other — the exact SQL TypeORM
//                                             sends for OrganisationsRepository.search (captured from the app)
//                                             — answered with the same JSON, byte for byte (http.mjs checks).
import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';

const require = createRequire(import.meta.url);
// The app's own dependencies: passport-jwt verifies with jsonwebtoken; the DTO's creditCodeValid comes from check-digits.
const jwt = require('jsonwebtoken');
const { creditCodeProblem } = require(join(process.cwd(), 'dist', 'server', 'src', 'common', 'check-digits.js'));

const { DATABASE_URL, JWT_SECRET, PORT = '3499', BARE_MODE = 'typeorm', BARE_HTTP = 'node', BARE_HEADERS } = process.env;
const { 'x-request-id': requestIdHeader, ...FIXED_HEADERS } = BARE_HEADERS ? JSON.parse(BARE_HEADERS) : {};
/** The headers of one answer: the fixed ones and, when the app sends one, a request id of its own. */
const headersOf = requestIdHeader === undefined ? () => FIXED_HEADERS : () => ({ ...FIXED_HEADERS, 'x-request-id': randomUUID() });
// node:http takes headers as one flat [name, value, name, value, …] array: no object to build or walk per answer.
const FIXED_FLAT = Object.entries(FIXED_HEADERS).flat();
const flatHeadersOf =
  requestIdHeader === undefined
    ? (length) => [...FIXED_FLAT, 'content-type', CONTENT_TYPE, 'content-length', length]
    : (length) => [...FIXED_FLAT, 'x-request-id', randomUUID(), 'content-type', CONTENT_TYPE, 'content-length', length];
if (!DATABASE_URL || !JWT_SECRET) throw new Error('DATABASE_URL and JWT_SECRET are required');
if (BARE_MODE !== 'typeorm' && BARE_MODE !== 'best') throw new Error(`BARE_MODE must be typeorm or best (got "${BARE_MODE}")`);
if (BARE_HTTP !== 'node' && BARE_HTTP !== 'fastify') throw new Error(`BARE_HTTP must be node or fastify (got "${BARE_HTTP}")`);
// Same pool size as the app (server/src/database/data-source-options.ts: extra.max = 20).
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 20 });
// jsonwebtoken 9 handed a string first tries to parse it as a PEM public key (createPublicKey, which throws)
// on every verify; a KeyObject skips that. The app passes a string: that cost is part of what the ratio shows.
const jwtKey = createSecretKey(Buffer.from(JWT_SECRET));

// server/src/users/users.repository.ts, isSessionLive
const SESSION_LIVE = `SELECT 1 FROM app_user u
        WHERE u.id = $1 AND u.role = $2 AND u.organisation_id = $3 AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_session s WHERE s.family_id = $4 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())`;
// server/src/organisations/organisations.repository.ts, search() with no filters, as TypeORM renders it.
const PAGE = (limit, offset) =>
  'SELECT "o"."id" AS "o_id", "o"."name" AS "o_name", "o"."type" AS "o_type", "o"."division_code" AS "o_division_code", ' +
  '"o"."credit_code" AS "o_credit_code", "o"."credit_code_override" AS "o_credit_code_override", "o"."status" AS "o_status", ' +
  '"o"."status_reason" AS "o_status_reason", "o"."contact_name" AS "o_contact_name", "o"."contact_phone" AS "o_contact_phone", ' +
  '"o"."verified_at" AS "o_verified_at", "o"."verified_by" AS "o_verified_by", "o"."created_at" AS "o_created_at", ' +
  '"o"."updated_at" AS "o_updated_at", "d"."code" AS "d_code", "d"."name" AS "d_name", "d"."name_en" AS "d_name_en", ' +
  '"d"."sort_order" AS "d_sort_order" FROM "organisation" "o" LEFT JOIN "division" "d" ON "d"."code"="o"."division_code" ' +
  `ORDER BY "o"."type" ASC, "o"."division_code" ASC, "o"."name" ASC LIMIT ${limit} OFFSET ${offset}`;
const COUNT =
  'SELECT COUNT(DISTINCT("o"."id")) AS "cnt" FROM "organisation" "o" LEFT JOIN "division" "d" ON "d"."code"="o"."division_code"';

// BARE_MODE=best: the page and its exact total in one statement. The count is over organisation alone
// (the LEFT JOIN to division is many-to-one: it never changes how many rows match).
const BEST_PAGE = {
  name: 'bare_org_page',
  text: `WITH page AS (
           SELECT o.id AS o_id, o.name AS o_name, o.type AS o_type, o.division_code AS o_division_code,
                  o.credit_code AS o_credit_code, o.credit_code_override AS o_credit_code_override, o.status AS o_status,
                  o.status_reason AS o_status_reason, o.contact_name AS o_contact_name, o.contact_phone AS o_contact_phone,
                  o.verified_at AS o_verified_at, o.created_at AS o_created_at, d.name AS d_name
             FROM organisation o LEFT JOIN division d ON d.code = o.division_code
            ORDER BY o.type, o.division_code, o.name LIMIT $1 OFFSET $2),
         total AS (SELECT count(*)::int AS n FROM organisation)
       SELECT total.n AS total, page.* FROM total LEFT JOIN page ON true
        ORDER BY page.o_type, page.o_division_code, page.o_name`,
};
const BEST_SESSION_LIVE = { name: 'bare_session_live', text: SESSION_LIVE };

// server/src/organisations/organisation.mapper.ts, toOrganisationDto
const toDto = (r) => ({
  id: r.o_id,
  name: r.o_name,
  type: r.o_type,
  divisionCode: r.o_division_code,
  divisionName: r.d_name ?? '',
  creditCode: r.o_credit_code,
  creditCodeValid: r.o_credit_code ? creditCodeProblem(r.o_credit_code) === null : null,
  creditCodeOverride: r.o_credit_code_override,
  status: r.o_status,
  statusReason: r.o_status_reason,
  contactName: r.o_contact_name,
  contactPhone: r.o_contact_phone,
  verifiedAt: r.o_verified_at?.toISOString() ?? null,
  createdAt: r.o_created_at.toISOString(),
});

const UNAUTHENTICATED = [401, { statusCode: 401, code: 'UNAUTHENTICATED' }];

function claimsOf(headers) {
  const header = headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return null;
  try {
    return jwt.verify(header.slice(7), jwtKey, { algorithms: ['HS256'] });
  } catch {
    return null;
  }
}

/** The answer as [status, body]: the same for both HTTP layers below. */
async function organisations(headers, query) {
  const claims = claimsOf(headers);
  if (!claims) return UNAUTHENTICATED;
  const sessionArgs = [claims.sub, claims.role, claims.org, claims.sid];
  const live = await pool.query(
    BARE_MODE === 'best' ? { ...BEST_SESSION_LIVE, values: sessionArgs } : { text: SESSION_LIVE, values: sessionArgs },
  );
  if (live.rows.length === 0) return UNAUTHENTICATED;
  const page = Number(query.get('page') ?? 1);
  const pageSize = Number(query.get('pageSize') ?? 20);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return [400, { statusCode: 400, code: 'VALIDATION_FAILED' }];
  }
  if (BARE_MODE === 'best') {
    const result = await pool.query({ ...BEST_PAGE, values: [pageSize, (page - 1) * pageSize] });
    const total = result.rows[0]?.total ?? 0;
    return [200, { items: result.rows.filter((r) => r.o_id !== null).map(toDto), total, page, pageSize }];
  }
  // TypeORM's getManyAndCount: one connection, the page then the count.
  const client = await pool.connect();
  let rows, total;
  try {
    rows = (await client.query(PAGE(pageSize, (page - 1) * pageSize))).rows;
    total = Number((await client.query(COUNT)).rows[0].cnt);
  } finally {
    client.release();
  }
  return [200, { items: rows.map(toDto), total, page, pageSize }];
}

async function health() {
  await pool.query('SELECT 1');
  return [200, { status: 'ok' }];
}

let failures = 0;
const failed = (e) => {
  if (failures++ < 5) console.error(`bare-server: ${e instanceof Error ? e.message : String(e)}`);
  return [500, { statusCode: 500, code: 'INTERNAL' }];
};
const CONTENT_TYPE = 'application/json; charset=utf-8';

let stopServer;
if (BARE_HTTP === 'node') {
  const send = (res, [status, body]) => {
    const text = JSON.stringify(body);
    res.writeHead(status, flatHeadersOf(Buffer.byteLength(text)));
    res.end(text);
  };
  const server = createServer(async (req, res) => {
    try {
      const q = req.url.indexOf('?');
      const path = q < 0 ? req.url : req.url.slice(0, q);
      if (req.method === 'GET' && path === '/api/health') return send(res, await health());
      if (req.method === 'GET' && path === '/api/organisations') {
        return send(res, await organisations(req.headers, new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1))));
      }
      send(res, [404, { statusCode: 404, code: 'NOT_FOUND' }]);
    } catch (e) {
      if (!res.headersSent) send(res, failed(e));
    }
  });
  server.keepAliveTimeout = 72_000; // as Fastify: autocannon's connections stay open either way
  server.listen(Number(PORT), '127.0.0.1');
  stopServer = () => {
    server.close();
    server.closeAllConnections();
  };
} else {
  // BARE_HTTP=fastify: the same work on a plain Fastify (the app's HTTP layer) with no plugin, hook or
  // logger — what the app's framework costs beyond Fastify itself is the gap between this and the app.
  const app = Fastify({ logger: false, keepAliveTimeout: 72_000 });
  const send = (reply, [status, body]) => reply.code(status).headers(headersOf()).type(CONTENT_TYPE).send(JSON.stringify(body));
  app.get('/api/health', async (_request, reply) => send(reply, await health().catch(failed)));
  app.get('/api/organisations', async (request, reply) => {
    const q = request.url.indexOf('?');
    const query = new URLSearchParams(q < 0 ? '' : request.url.slice(q + 1));
    return send(reply, await organisations(request.headers, query).catch(failed));
  });
  await app.listen({ port: Number(PORT), host: '127.0.0.1' });
  stopServer = () => void app.close();
}

const stop = () => {
  stopServer();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
