/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // ESM-only dependencies that Node 20 loads with require(esm) but jest's module loader cannot (@fastify/swagger-ui ->
    // @fastify/static -> content-disposition): compiled to CommonJS for tests only.
    '^.+/node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  testTimeout: 30000,
  // One throwaway PostgreSQL server for the run (test/pg/global-setup.ts); tests read TEST_DATABASE_URL.
  globalSetup: '<rootDir>/test/pg/global-setup.ts',
  globalTeardown: '<rootDir>/test/pg/global-teardown.ts',
  // Simulator-backed suites open sockets; run files in parallel but keep the machine's 2 cores usable.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
