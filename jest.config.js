/** Jest runs the TypeScript sources directly; type checking is `npm run typecheck`'s job. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  testTimeout: 60000,
  // The machine has two cores; integration tests start servers and child processes.
  maxWorkers: 2,
};
