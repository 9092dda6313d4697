// ESLint flat config: typescript-eslint's type-aware rules on every file the tsconfig holds,
// as actions/typescript-action does. Formatting is Prettier's job (eslint-config-prettier last).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', '__tests__/fixtures/', 'bench/tmp/', '.tmp/']
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: {
        // Config files outside the tsconfig: the default project types them
        projectService: { allowDefaultProject: ['eslint.config.mjs', 'stryker.config.mjs'] },
        tsconfigRootDir: import.meta.dirname
      }
    }
  },
  {
    rules: {
      // `_name` marks a value left out on purpose (a field dropped by destructuring, an unused callback parameter)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A closure declared before the one assignment reads the variable (paging, rotate's state line): const would be a TDZ error
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Control characters in patterns are the point here: hostile text is stripped of them before it reaches a log or a summary
      'no-control-regex': 'off'
    }
  },
  {
    // Plain JavaScript (the emulator, scripts, bench) is typed by JSDoc where it matters and not type-checked as a whole
    // (checkJs is off): JSON.parse and untyped answers are `any` there, so the no-unsafe-* rules only flag that
    files: ['**/*.js', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off'
    }
  },
  {
    files: ['__tests__/**/*.ts'],
    rules: {
      // Tests read raw wire answers (the emulator's envelopes, the bundle's JSON outputs) and check them field by field with expect
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes implement the async client interfaces with answers they already hold
      '@typescript-eslint/require-await': 'off'
    }
  },
  {
    // A CommonJS file is one on purpose (preloaded with --require into a child process): require is its import
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // Bench scenarios share one async `prepare` signature; most have nothing to wait for
    files: ['bench/**'],
    rules: { '@typescript-eslint/require-await': 'off' }
  },
  prettier
)
