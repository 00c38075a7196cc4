import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// The architecture as lint rules: tags in two dimensions (type:* × scope:*).
// economics is pure domain code; services never import each other; only libs/messaging touches kafkajs.
const depConstraints = [
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:cli', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'type:infra', 'type:domain'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain'],
    bannedExternalImports: [
      '@nestjs/*', 'typeorm', 'kafkajs', 'ioredis', 'pg', 'express', '@opentelemetry/*',
      'node:fs', 'fs', 'node:http', 'http', 'node:https', 'https', 'node:net', 'net',
    ],
  },
  { sourceTag: 'scope:ingest', onlyDependOnLibsWithTags: ['scope:ingest', 'scope:shared'] },
  { sourceTag: 'scope:valuation', onlyDependOnLibsWithTags: ['scope:valuation', 'scope:shared'] },
  { sourceTag: 'scope:risk', onlyDependOnLibsWithTags: ['scope:risk', 'scope:shared'] },
  { sourceTag: 'scope:notification', onlyDependOnLibsWithTags: ['scope:notification', 'scope:shared'] },
  { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
];

// Tests of a service may use the test harness (type:testing); its production code may not.
const serviceTestConstraints = depConstraints.map((c) =>
  c.sourceTag === 'type:service' ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] } : c,
);

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/.nx', 'libs/contracts/src/gen/**', 'infra/**', '.kafka/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: true,
          depConstraints,
        },
      ],
    },
  },
  {
    files: ['services/**/*.spec.ts', 'services/**/*.integration-spec.ts', 'services/**/__tests__/**/*.ts', 'services/**/adapters/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], banTransitiveDependencies: true, depConstraints: serviceTestConstraints }],
    },
  },
  {
    // kafkajs is reachable only through libs/messaging (and the test harness that drives the broker).
    files: ['services/**/*.ts', 'libs/{config,contracts,economics,observability,persistence}/**/*.ts', 'tools/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kafkajs', message: 'Use @hashdesk/messaging.' }] }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
];
