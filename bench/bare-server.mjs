// The ceiling: a bare node:http + pg server answering the same two requests as the app — the health
// check, and the authenticated organisation list (JWT check, live-session row, count, page) —
// with the same SQL and the same pool size. Run by bench/http.mjs; not part of the product.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const { DATABASE_URL, PORT = '3499', JWT_SECRET } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 20 });

function verifyJwt(token) {
  const [h, p, s] = token.split('.');
  if (!s) return null;
  const expected = createHmac('sha256', JWT_SECRET).update(`${h}.${p}`).digest();
  const got = Buffer.from(s, 'base64url');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  return claims.exp * 1000 > Date.now() ? claims : null;
}

const json = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

createServer(async (req, res) => {
  try {
    if (req.url === '/health') {
      await pool.query('SELECT 1');
      return json(res, 200, { status: 'ok' });
    }
    if (req.url.startsWith('/organisations')) {
      const claims = verifyJwt((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!claims) return json(res, 401, { code: 'UNAUTHENTICATED' });
      const live = await pool.query(
        `SELECT 1 FROM app_user u
          WHERE u.id = $1 AND u.role = $2 AND u.organisation_id = $3 AND u.disabled_at IS NULL
            AND EXISTS (SELECT 1 FROM refresh_session s WHERE s.family_id = $4 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())`,
        [claims.sub, claims.role, claims.org, claims.sid],
      );
      if (live.rowCount === 0) return json(res, 401, { code: 'UNAUTHENTICATED' });
      const [count, rows] = await Promise.all([
        pool.query('SELECT count(*)::int AS n FROM organisation o'),
        pool.query(
          `SELECT o.*, d.name AS division_name FROM organisation o LEFT JOIN division d ON d.code = o.division_code
            ORDER BY o.type, o.division_code, o.name LIMIT 20 OFFSET 0`,
        ),
      ]);
      return json(res, 200, {
        items: rows.rows.map((o) => ({
          id: o.id,
          name: o.name,
          type: o.type,
          divisionCode: o.division_code,
          divisionName: o.division_name,
          creditCode: o.credit_code,
          status: o.status,
          createdAt: o.created_at,
        })),
        total: count.rows[0].n,
        page: 1,
        pageSize: 20,
      });
    }
    json(res, 404, { code: 'NOT_FOUND' });
  } catch (e) {
    json(res, 500, { code: 'INTERNAL', message: String(e) });
  }
}).listen(Number(PORT), '127.0.0.1');
