import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Runs inside the XSOAR server's JavaScript engine, which supplies these globals and a top-level return.
    files: ['src/xsoar/bridge/*.js'],
    languageOptions: {
      sourceType: 'script',
      parserOptions: { ecmaFeatures: { globalReturn: true } },
      globals: { params: 'readonly', args: 'readonly', command: 'readonly', http: 'readonly', getLastRun: 'readonly', setLastRun: 'readonly' },
    },
    // ES5 only (older XSOAR engines): catch needs a binding even when unused.
    rules: { 'no-var': 'off', 'no-throw-literal': 'off', 'no-unused-vars': ['error', { caughtErrors: 'none' }], '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
);
