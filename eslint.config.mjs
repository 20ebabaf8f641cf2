// ESLint (flat config): typescript-eslint's recommended rules, the promise rules that need types,
// import cycles, and a parameter limit. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** More than this many positional parameters is a signal to pass an object (constructors excepted: Nest's injection lists). */
const MAX_PARAMS = 5;
const tooManyParams = `:matches(FunctionDeclaration, FunctionExpression, ArrowFunctionExpression, TSDeclareFunction)[params.length>${MAX_PARAMS}]`;

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'coverage/**', 'node_modules/**', 'bench/data/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-syntax': [
        'error',
        {
          // Exempt: constructors (Nest's injection lists) and callbacks passed to a call, whose
          // parameters the callee decides (String.replace's capture groups).
          selector: `${tooManyParams}:not(MethodDefinition[kind="constructor"] > FunctionExpression):not(CallExpression > ArrowFunctionExpression, CallExpression > FunctionExpression)`,
          message: `More than ${MAX_PARAMS} parameters: pass an object with named fields.`,
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Tests: response bodies are untyped JSON (supertest's own type is any), and request helpers
    // mirror an HTTP request's parts (method, path, body, headers) positionally.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
