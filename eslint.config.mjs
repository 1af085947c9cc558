import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', '**/*.js', '**/*.cjs', '**/*.mjs', 'channels/webchat/public/', '!src/console/public/js/**/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The officer console's browser modules: checked JavaScript (// @ts-check + JSDoc), ES modules.
    files: ['src/console/public/js/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module', ecmaVersion: 2022 },
    rules: {
      'no-undef': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text with textContent/el(); never innerHTML.' },
        { property: 'outerHTML', message: 'Render text with textContent/el(); never outerHTML.' },
      ],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never insert HTML strings.' }],
    },
  },
);
