// Jest runs in ESM mode: Nest 12 is ESM-only and Jest 30 on Node 20 cannot load `@nestjs/testing` from
// CommonJS ("Must use import to load ES Module"). Hence node --experimental-vm-modules and ts-jest's useESM
// (with a test tsconfig of module esnext / moduleResolution bundler; nodenext makes ts-jest emit CommonJS).
module.exports = {
  rootDir: __dirname,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/test/tsconfig.json' }] },
  testEnvironment: 'node',
  // @fastify/static (CommonJS) requires content-disposition 3, which is ESM-only; Jest on Node 20
  // cannot require(esm). Version 2 has the same API in CommonJS.
  moduleNameMapper: { '^content-disposition$': '<rootDir>/node_modules/content-disposition-cjs/dist/index.js' },
};
