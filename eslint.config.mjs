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
        // eslint.config.mjs itself is outside the tsconfig: the default project types it
        projectService: { allowDefaultProject: ['eslint.config.mjs'] },
        tsconfigRootDir: import.meta.dirname
      }
    }
  },
  prettier
)
