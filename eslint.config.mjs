import nx from '@nx/eslint-plugin';

// The dependency matrix of ARCHITECTURE.md, enforced by lint rather than remembered:
// apps never import apps, libs never import apps, contracts imports no lib of ours,
// and the test harness is for specs only.
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.local', '**/coverage', '**/.nx'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'],
            },
            {
              // type:testing only from specs: the no-restricted-imports block below.
              sourceTag: 'type:lib',
              onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'],
            },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'],
            },
            {
              sourceTag: 'type:tooling',
              onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Production code may not reach for the test harness.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.test.ts', '**/test/**', 'libs/testing/**', '**/jest.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@leadhooks/testing', message: 'The test harness is for specs only.' }] },
      ],
    },
  },
];
