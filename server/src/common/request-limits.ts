import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';

/**
 * Limits every request meets before a controller sees it. The size of a body is limited by Fastify
 * (BODY_LIMIT_BYTES); these are about its shape: what a small body can still do to the server.
 */
export const JSON_LIMITS = {
  /**
   * Objects and arrays inside one another. Our deepest DTO is 3 levels; 1 MB of `[[[[…` parsed and
   * then validated recursively held the event loop for over a second and ended in a 500.
   */
  maxDepth: 32,
} as const;

export interface JsonScan {
  /** The first problem that makes the text unacceptable whatever it parses to. */
  problem: { kind: 'too-deep' | 'nul-literal'; position: number } | null;
  /** A `\u0000` escape occurs in some string (its field is found after parsing). */
  nulEscape: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * One pass over raw JSON text, before JSON.parse: nesting depth and NUL characters. It does not
 * validate JSON (the parser does); on malformed input it may miss a problem, never invent one for
 * valid JSON, and it stops at the first level too deep, so a hostile body costs one linear scan.
 */
export function scanJson(text: string, maxDepth: number = JSON_LIMITS.maxDepth): JsonScan {
  let depth = 0;
  let inString = false;
  let nulEscape = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return { problem: { kind: 'nul-literal', position: i }, nulEscape };
    if (inString) {
      if (c === QUOTE) inString = false;
      else if (c === BACKSLASH) {
        // `\u0000`; in `\\u0000` the first backslash escapes the second, which is skipped here, so `u0000` stays text.
        if (text.charCodeAt(i + 1) === 0x75 && text.slice(i + 2, i + 6) === '0000') nulEscape = true;
        i++;
      }
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return { problem: { kind: 'too-deep', position: i }, nulEscape };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return { problem: null, nulEscape };
}

/** The path (`contact.name`, `items[2]`) of the first string or key holding U+0000, or null. */
export function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      // A NUL in a key: show the key without it, the person must still find it.
      if (key.includes('\0')) return here.replace(/\0/g, '\\u0000');
      const found = findNul(v, here);
      if (found !== null) return found;
    }
  }
  return null;
}

const tooDeep = () => new DomainError(400, 'JSON_TOO_DEEP', { maxDepth: JSON_LIMITS.maxDepth }, { maxDepth: JSON_LIMITS.maxDepth });

/** PostgreSQL cannot store U+0000 in text: refused here with the field named, not as a 500 from the database. */
const nulIn = (where: string, whereEn: string) => new DomainError(400, 'NUL_CHARACTER', { where, whereEn });

/** A NUL in the URL (`%00`, in the path or a query parameter), named by its parameter when there is one. */
export function urlNulProblem(url: string): DomainError | null {
  if (!url.includes('%00') && !url.includes('\0')) return null;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (path.includes('%00') || path.includes('\0')) return nulIn('地址', 'The address');
  for (const pair of url.slice(q + 1).split('&')) {
    if (!pair.includes('%00') && !pair.includes('\0')) continue;
    const name = pair.split('=')[0] ?? '';
    let decoded: string;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      decoded = name;
    }
    const shown = decoded.replace(/\0/g, '\\u0000').slice(0, 40);
    return nulIn(`查询参数 ${shown} `, `Query parameter ${shown}`);
  }
  return nulIn('查询参数', 'A query parameter');
}

/**
 * Installs the limits: the JSON body parser (Fastify's own, secure-json-parse with `__proto__` and
 * `constructor.prototype` refused, behind a depth and NUL check) and a URL check on every request.
 * Call before `app.init()`: Nest registers its default JSON parser only when none was given.
 */
export function registerRequestLimits(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const fastifyJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (req: FastifyRequest, body: Buffer, done) => {
    const text = body.toString('utf8');
    const scan = scanJson(text);
    if (scan.problem?.kind === 'too-deep') return done(tooDeep(), undefined);
    if (scan.problem?.kind === 'nul-literal') {
      return done(
        nulIn(`提交的内容（第 ${scan.problem.position + 1} 个字符）`, `The request body (at character ${scan.problem.position + 1})`),
        undefined,
      );
    }
    void fastifyJson(req, text, (err, parsed) => {
      if (err) return done(err, undefined);
      const field = scan.nulEscape ? findNul(parsed) : null;
      if (field !== null) return done(nulIn(`字段 ${field} `, `Field ${field}`), undefined);
      done(null, parsed);
    });
  });
  fastify.addHook('onRequest', (req, _reply, next) => {
    const problem = urlNulProblem(req.url);
    if (problem) next(problem);
    else next();
  });
  // Other parsed bodies (Nest's urlencoded parser): JSON was checked above, multipart files are read by their handlers.
  fastify.addHook('preValidation', (req, _reply, next) => {
    const json = /json/i.test(req.headers['content-type'] ?? '');
    const field = !json && req.body !== null && typeof req.body === 'object' ? findNul(req.body) : null;
    if (field !== null) next(nulIn(`字段 ${field} `, `Field ${field}`));
    else next();
  });
}
