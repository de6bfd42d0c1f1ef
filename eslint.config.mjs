// Lint: type-checked rules everywhere, plus the Durable determinism rules for orchestrators.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'os',
  'dns',
  'tls',
  'zlib',
  'stream',
  'timers',
  'worker_threads',
  'cluster',
  'dgram',
  'readline',
  'util',
  'events',
  'process',
];
const bannedInOrchestrators = [
  ...nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]),
  '@azure/cosmos',
  '@azure/service-bus',
  '@azure/identity',
  'better-sqlite3',
  '**/shared/adapters/**',
  '**/shared/container',
  '**/shared/config',
  '**/local/**',
];

export default tseslint.config(
  // bin/ holds the CLI's CommonJS launcher and templates/assets/ the console's browser script: both plain JS
  // outside the TypeScript project.
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.lifeboat/**',
      '*.config.js',
      '*.config.mjs',
      'bin/**',
      'templates/assets/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // Orchestrators are replayed: no clock, randomness, environment, timers or I/O (Durable rules).
    files: ['orchestrations/**/*.ts', 'test/local/apps/**/orchestrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: bannedInOrchestrators }],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use context.df.createTimer.' },
        { name: 'setInterval', message: 'Use context.df.createTimer.' },
        { name: 'setImmediate', message: 'Orchestrators must not schedule work outside Durable.' },
        { name: 'process', message: 'Read configuration in an activity or pass it as input.' },
        { name: 'fetch', message: 'Do I/O in an activity.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use context.df.currentUtcDateTime.' },
        { object: 'Math', property: 'random', message: 'Use context.df.newGuid.' },
        { object: 'process', property: 'env', message: 'Read configuration in an activity.' },
        { object: 'crypto', property: 'randomUUID', message: 'Use context.df.newGuid.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use context.df.currentUtcDateTime.',
        },
      ],
    },
  },
  {
    // The local runtime and scripts are developer tooling that talk to the console on purpose.
    files: ['local/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Loading the app after the @azure/functions-core resolver is installed is the point of these requires.
    files: [
      'local/start.ts',
      'local/startCosmos.ts',
      'test/local/**/*.ts',
      'test/e2e/support/*.ts',
      'test/integration/adapters/durable/*.ts',
    ],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
