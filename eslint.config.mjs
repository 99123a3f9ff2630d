import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** Layers of src/, each with what it must never import (the ```layers block of ARCHITECTURE.md lists what each may). */
const FRONT_ENDS = ['./src/extension', './src/server', './src/cli'];
const layers = [
  // Leaves: every layer may use them, they use nothing of ours.
  { target: './src/core/model.ts', from: ['./src'], except: ['./core/model.ts'], why: 'core/model.ts is the leaf of shared model types' },
  { target: './src/core/redact.ts', from: ['./src'], except: ['./core/redact.ts'], why: 'core/redact.ts is dependency-free' },
  {
    target: './src/core/i18n',
    from: ['./src'],
    except: ['./core/i18n'],
    why: 'core/i18n, the message catalogue, is a leaf every layer may use',
  },
  {
    target: './src/core/retirement.ts',
    from: ['./src'],
    except: ['./core/retirement.ts', './core/i18n'],
    why: 'core/retirement.ts, the dates of the retirement, is a leaf every layer may use (it reads only the catalogue)',
  },
  // The core is a Y: flow ← validation, and flow ← azure ← session.
  {
    target: './src/core/flow',
    from: ['./src/core/validation', './src/core/azure', './src/core/session', ...FRONT_ENDS, './src/emulator', './src/shared'],
    why: 'core/flow is the bottom layer of the core',
  },
  {
    target: './src/core/validation',
    from: ['./src/core/azure', './src/core/session', ...FRONT_ENDS, './src/emulator', './src/shared'],
    why: 'core/validation is the text arm of the core, below the front ends',
  },
  {
    target: './src/core/azure',
    from: ['./src/core/session', ...FRONT_ENDS, './src/emulator', './src/shared'],
    why: 'core/azure sits below core/session',
  },
  { target: './src/core/session', from: [...FRONT_ENDS, './src/emulator', './src/shared'], why: 'the core never reaches for a front end' },
  {
    target: './src/core/migration',
    from: ['./src/core/azure', './src/core/session', ...FRONT_ENDS, './src/emulator', './src/shared'],
    why: 'core/migration reads flows through core/flow and core/validation only',
  },
  {
    target: ['./src/core/flow', './src/core/validation', './src/core/azure', './src/core/session', './src/emulator', './src/shared'],
    from: ['./src/core/migration'],
    why: 'only the front ends use core/migration',
  },
  // The stand-in must not share the client's idea of the contract.
  { target: './src/emulator', from: ['./src/core', './src/shared', ...FRONT_ENDS], why: 'the emulator shares no code with the clients' },
  { target: './src/shared', from: [...FRONT_ENDS, './src/emulator'], why: 'src/shared is imported by the front ends, not the other way' },
  { target: './src/server', from: ['./src/extension', './src/cli', './src/emulator'], why: 'the language server stands alone' },
  {
    target: './src/extension',
    from: ['./src/server', './src/cli', './src/emulator'],
    why: 'the extension starts the server and the emulator as processes',
  },
].map(({ why, ...zone }) => ({ ...zone, message: why }));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        setImmediate: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      // The dependency graph (no-cycle) parses the imported TypeScript files too.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      // Type-only imports are erased at build time and may point anywhere; runtime cycles may not.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
    },
  },
  {
    // The core is shared by the language server, the CLI and the emulator: it must never reach for VS Code.
    files: [
      'src/core/**/*.ts',
      'src/server/**/*.ts',
      'src/cli/**/*.ts',
      'src/emulator/**/*.ts',
      'src/shared/**/*.ts',
      'src/extension/operationTracker.ts',
      'src/extension/tree/contextValue.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension may import vscode.' }] }] },
  },
);
