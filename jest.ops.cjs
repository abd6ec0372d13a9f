const base = require('./jest.base.cjs');

/**
 * Operations: the built server (`dist/`) as real child processes — signals, database faults, two
 * instances, backups. `npm test` builds the server before this stage.
 */
module.exports = {
  ...base,
  displayName: 'ops',
  roots: ['<rootDir>/test/ops'],
  testMatch: ['**/*.ops-spec.ts'],
  globalSetup: '<rootDir>/test/utils/global-setup.mjs',
  globalTeardown: '<rootDir>/test/utils/global-teardown.mjs',
  testTimeout: 180_000,
  // Each spec starts servers and databases of its own; on two cores they are timed one at a time.
  maxWorkers: 1,
};
