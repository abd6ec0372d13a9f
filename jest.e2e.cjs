const base = require('./jest.base.cjs');

/** End-to-end: the real AppModule on real PostgreSQL, one database per spec file (cloned from a template). */
module.exports = {
  ...base,
  displayName: 'e2e',
  // Every *.e2e-spec.ts under test/, whatever folder it sits in: a new folder is never silently skipped.
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/utils/global-setup.mjs',
  globalTeardown: '<rootDir>/test/utils/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 2,
};
