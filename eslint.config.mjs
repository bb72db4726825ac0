import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/coverage/**',
      '**/node_modules/**',
      '**/*.js',
      '**/*.mjs',
      // The pages' scripts are linted here and type-checked by tsc (gateway/assets/tsconfig.json, checkJs).
      '!gateway/assets/*.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': 'off',
      curly: 'error',
      complexity: ['error', 10],
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
    },
  },
  {
    // Browser scripts, checked by tsc with checkJs against their own tsconfig: the type-aware rules stay with
    // the TypeScript sources, and tsc reports undefined names.
    files: ['gateway/assets/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'script' },
    rules: { 'no-undef': 'off', '@typescript-eslint/explicit-function-return-type': 'off' },
  },
);
