import { requestLogLevel, safeError, safeUrl, scrubIdentityNumbers } from './logging';

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
