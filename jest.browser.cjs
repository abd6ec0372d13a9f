const base = require('./jest.base.cjs');

/** Browser journeys: Playwright driving Chromium against the built app on real PostgreSQL. */
module.exports = {
  ...base,
  displayName: 'browser',
  roots: ['<rootDir>/test/browser', '<rootDir>/test/privacy'],
  testMatch: ['**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/utils/global-setup.mjs',
  globalTeardown: '<rootDir>/test/utils/global-teardown.mjs',
  testTimeout: 120_000,
  maxWorkers: 1,
};
