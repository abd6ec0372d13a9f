const base = require('./jest.base.cjs');

/** Server unit tests: next to the code, services with their repositories mocked. */
module.exports = { ...base, displayName: 'unit', roots: ['<rootDir>/server/src'], testMatch: ['**/*.spec.ts'] };
