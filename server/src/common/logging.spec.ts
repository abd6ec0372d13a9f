import { AppLogger, createRootLogger, requestLogLevel, safeError, safeUrl, scrubIdentityNumbers } from './logging';

describe('log scrubbing', () => {
  it('masks identity-number-shaped sequences wherever they appear', () => {
    expect(scrubIdentityNumbers('/api/trainees?q=11010519491231002X&x=1')).toBe('/api/trainees?q=**************002X&x=1');
    expect(scrubIdentityNumbers('id 460100198506123456 and 46010019850612345x')).not.toMatch(/\d{17}[\dXx]/);
  });

  it('leaves other numbers alone', () => {
    expect(scrubIdentityNumbers('order 12345, phone 13898761000, uuid 1795879642675')).toBe(
      'order 12345, phone 13898761000, uuid 1795879642675',
    );
  });

  it("keeps a URL's path and parameter names, never the values people typed (even URL-encoded)", () => {
    const url = `/api/trainees?q=${encodeURIComponent('王测试')}&state=admitted&q=11010519491231002X`;
    expect(safeUrl(url)).toBe('/api/trainees?q=…&state=…');
    expect(safeUrl('/api/trainees/11010519491231002X')).toBe('/api/trainees/**************002X');
    expect(safeUrl('/api/x%E7%8E')).toBe('/api/x%E7%8E');
  });

  it('logs a failed query without its SQL, its parameters or the values quoted in its message', () => {
    const e = Object.assign(new Error('invalid input syntax for type uuid: "王测试 11010519491231002X"'), {
      name: 'QueryFailedError',
      query: 'SELECT * FROM trainee WHERE full_name = $1',
      parameters: ['王测试'],
      driverError: { code: '22P02', constraint: undefined },
    });
    const logged = JSON.stringify(safeError(e));
    expect(logged).toContain('22P02');
    for (const leak of ['王测试', '11010519491231002X', 'SELECT', 'parameters']) expect(logged).not.toContain(leak);
  });
});

describe('request log level (SLOW_REQUEST_MS)', () => {
  it('writes failures at error, slow requests at warn, the rest at debug only', () => {
    expect(requestLogLevel(500, 3, 1000)).toBe('error');
    expect(requestLogLevel(503, 5000, 1000)).toBe('error');
    expect(requestLogLevel(200, 1000, 1000)).toBe('warn');
    expect(requestLogLevel(404, 1500, 1000)).toBe('warn');
    expect(requestLogLevel(200, 999, 1000)).toBe('debug');
    expect(requestLogLevel(401, 2, 1000)).toBe('debug');
  });
});

describe('AppLogger (Nest LoggerService over the root pino logger)', () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const logger = new AppLogger(createRootLogger({ logLevel: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) }));
    return { logger, lines };
  };

  it("takes Nest's calling conventions: fields first, the last extra argument as the context", () => {
    const { logger, lines } = capture();
    logger.warn({ jobs: 3 }, 'queue slow', 'JobQueue');
    logger.log('started', 'Boot');
    logger.error(new Error('boom'), 'Filter');
    logger.verbose('not written at debug', 'X');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 40, jobs: 3, msg: 'queue slow', context: 'JobQueue', service: 'jinbuhuan' });
    expect(lines[1]).toMatchObject({ level: 30, msg: 'started', context: 'Boot' });
    expect(lines[2]).toMatchObject({ level: 50, context: 'Filter', err: { message: 'boom' } });
  });

  it("keeps the stack of Nest's own exception handler, which calls error(message, stack, context)", () => {
    const { logger, lines } = capture();
    logger.error('Unhandled', 'Error: x\n    at f (file.js:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({
      context: 'ExceptionsHandler',
      err: { message: 'Unhandled', stack: 'Error: x\n    at f (file.js:1:1)' },
    });
  });

  it('scrubs identity numbers in messages and redacts secrets in fields, on every line', () => {
    const { logger, lines } = capture();
    logger.warn({ password: 'Secret#1', user: { refreshToken: 't' } }, 'lookup 11010519491231002X failed', 'Auth');
    const text = JSON.stringify(lines[0]);
    for (const leak of ['Secret#1', '"t"', '11010519491231002X']) expect(text).not.toContain(leak);
    expect(text).toContain('**************002X');
  });

  it('writes the request line with the URL scrubbed of what people typed', () => {
    const { logger, lines } = capture();
    logger.root.warn({ req: { id: 'r1', method: 'GET', url: '/api/trainees?q=王测试' }, res: { statusCode: 200 } }, 'request completed');
    expect(lines[0]).toMatchObject({ req: { id: 'r1', method: 'GET', url: '/api/trainees?q=…' }, res: { statusCode: 200 } });
  });
});
