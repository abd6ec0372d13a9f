// The ceiling: a bare node:http + pg server answering the same two requests as the app, doing the
// same work with no framework — what Node and PostgreSQL can do on this machine. Started by
// bench/http.mjs (env: DATABASE_URL, JWT_SECRET, PORT, BARE_MODE); not part of the product.
//
// BARE_MODE=typeorm (default): the list's SQL as TypeORM's getManyAndCount sent it before issue 17
//   (the page, then the count, one after the other on one connection) — the app's old work, without the app.
// BARE_MODE=best: the list as a careful hand would write it — one round trip for the page and its total
//   (the page and the count as two CTEs, the count LEFT JOINed so an empty page still has its total),
//   only the columns the answer needs, named prepared statements (parsed once per connection), and the
//   live-session query prepared too. Same JSON bytes.
//
//   GET /api/health                           SELECT 1 on the pool
//   GET /api/organisations?page=&pageSize=    bearer token verified with jsonwebtoken (HS256, as passport-jwt
//                                             does, but given a KeyObject: see below), the live-session row, then the page and the count on one
//                                             pooled connection, one after the other — the exact SQL TypeORM
//                                             sends for OrganisationsRepository.search (captured from the app)
//                                             — answered with the same JSON, byte for byte (http.mjs checks).
import { createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);
// The app's own dependencies: passport-jwt verifies with jsonwebtoken; the DTO's creditCodeValid comes from check-digits.
const jwt = require('jsonwebtoken');
const { creditCodeProblem } = require(join(process.cwd(), 'dist', 'server', 'src', 'common', 'check-digits.js'));

const { DATABASE_URL, JWT_SECRET, PORT = '3499', BARE_MODE = 'typeorm' } = process.env;
if (!DATABASE_URL || !JWT_SECRET) throw new Error('DATABASE_URL and JWT_SECRET are required');
if (BARE_MODE !== 'typeorm' && BARE_MODE !== 'best') throw new Error(`BARE_MODE must be typeorm or best (got "${BARE_MODE}")`);
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

const send = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
const unauthenticated = (res) => send(res, 401, { statusCode: 401, code: 'UNAUTHENTICATED' });

function claimsOf(req) {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return null;
  try {
    return jwt.verify(header.slice(7), jwtKey, { algorithms: ['HS256'] });
  } catch {
    return null;
  }
}

async function organisations(req, res, query) {
  const claims = claimsOf(req);
  if (!claims) return unauthenticated(res);
  const sessionArgs = [claims.sub, claims.role, claims.org, claims.sid];
  const live = await pool.query(
    BARE_MODE === 'best' ? { ...BEST_SESSION_LIVE, values: sessionArgs } : { text: SESSION_LIVE, values: sessionArgs },
  );
  if (live.rows.length === 0) return unauthenticated(res);
  const page = Number(query.get('page') ?? 1);
  const pageSize = Number(query.get('pageSize') ?? 20);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return send(res, 400, { statusCode: 400, code: 'VALIDATION_FAILED' });
  }
  if (BARE_MODE === 'best') {
    const result = await pool.query({ ...BEST_PAGE, values: [pageSize, (page - 1) * pageSize] });
    const total = result.rows[0]?.total ?? 0;
    return send(res, 200, { items: result.rows.filter((r) => r.o_id !== null).map(toDto), total, page, pageSize });
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
  send(res, 200, { items: rows.map(toDto), total, page, pageSize });
}

let failures = 0;
const server = createServer(async (req, res) => {
  try {
    const q = req.url.indexOf('?');
    const path = q < 0 ? req.url : req.url.slice(0, q);
    if (req.method === 'GET' && path === '/api/health') {
      await pool.query('SELECT 1');
      return send(res, 200, { status: 'ok' });
    }
    if (req.method === 'GET' && path === '/api/organisations') {
      return await organisations(req, res, new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1)));
    }
    send(res, 404, { statusCode: 404, code: 'NOT_FOUND' });
  } catch (e) {
    if (failures++ < 5) console.error(`bare-server: ${e instanceof Error ? e.message : String(e)}`);
    if (!res.headersSent) send(res, 500, { statusCode: 500, code: 'INTERNAL' });
  }
});
server.keepAliveTimeout = 72_000; // as Fastify: autocannon's connections stay open either way
server.listen(Number(PORT), '127.0.0.1');

const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
