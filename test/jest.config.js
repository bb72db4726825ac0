/** End-to-end tests: they talk to the real network that scripts/test.sh starts. */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironment: 'node',
  testTimeout: 180_000,
  maxWorkers: 1,
};
