import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'data-*/', 'coverage/', 'bench/tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'mongodb', message: 'Only store/ may import a database driver.' },
            { name: 'better-sqlite3', message: 'Only store/ may import a database driver.' },
            { name: 'bullmq', message: 'Only workers/ may import bullmq.' },
          ],
        },
      ],
    },
  },
  {
    files: ['store/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'mongodb', message: 'Only store/ may import a database driver.' },
            { name: 'better-sqlite3', message: 'Only store/ may import a database driver.' },
          ],
        },
      ],
    },
  },
);
