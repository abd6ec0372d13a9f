import pg from 'pg';
import { loadConfig } from '../../server/src/config/env';
import { createTestDatabase, TEST_ENV } from '../utils/test-app';
import { run, serverEnv } from './server-process';

/** `npm run audit:verify` as an operator runs it: exit 0 and the head on an intact chain, 2 and the broken entry otherwise. */
describe('npm run audit:verify (the built CLI as a real process)', () => {
  it('reports an intact chain, then the first entry a superuser altered', async () => {
    const db = await createTestDatabase(loadConfig({ ...TEST_ENV }));
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(`INSERT INTO audit_log (action, result) SELECT 'test.entry', 'success' FROM generate_series(1, 5)`);
      const env = serverEnv({ DATABASE_URL: db.url });
      const intact = await run(env, ['node', 'dist/server/src/ops/audit-verify.js']);
      expect(intact.output).toMatch(/The audit chain is intact/);
      expect(intact.code).toBe(0);
      const head = /Head: (\d+:[0-9a-f]{64})/.exec(intact.output)![1]!;

      await c.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await c.query(`UPDATE audit_log SET result = 'denied' WHERE chain_seq = 3`);
      await c.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      const broken = await run(env, ['node', 'dist/server/src/ops/audit-verify.js', '--expect', head]);
      expect(broken.code).toBe(2);
      expect(broken.output).toMatch(/BROKEN at entry #3: its content does not match its hash/);

      const usage = await run(env, ['node', 'dist/server/src/ops/audit-verify.js', '--expect', 'nonsense']);
      expect(usage.code).toBe(64);
      expect(usage.output).toMatch(/--expect must be <seq>:<64 hex digits>/);
    } finally {
      await c.end();
      await db.drop();
    }
  });
});
