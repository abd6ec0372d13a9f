const base = require('./jest.base.cjs');

/**
 * Server unit tests: next to the code, services with their repositories mocked; and the
 * architecture rules (test/architecture), which read the source text.
 */
module.exports = {
  ...base,
  displayName: 'unit',
  roots: ['<rootDir>/server/src', '<rootDir>/test/architecture'],
  testMatch: ['**/*.spec.ts'],
};
