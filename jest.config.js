/** Jest runs the TypeScript sources directly; type checking is `npm run typecheck`'s job. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  // The Functions worker provides @azure/functions-core; under jest the local runtime's stand-in does.
  moduleNameMapper: { '^@azure/functions-core$': '<rootDir>/local/functionsCore/functionsCoreModule.ts' },
  testTimeout: 60000,
  // The machine has two cores; integration tests start servers and child processes.
  maxWorkers: 2,
};
