// One linter for the whole repository. The rule that matters most for the architecture: the
// core and browser packages must not import runtime-specific modules (node:*, undici) or use
// DOM-only globals, so they run unchanged in Node, browsers and workers.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const RUNTIME_SPECIFIC_IMPORTS = {
  patterns: [
    { group: ["node:*"], message: "packages/core is runtime-agnostic: no node: modules (put it in packages/node)." },
    { group: ["undici", "undici/*"], message: "packages/core is runtime-agnostic: undici belongs in packages/node." },
  ],
  paths: ["fs", "path", "os", "crypto", "stream", "http", "https", "net", "tls", "zlib", "buffer", "events", "url", "util", "child_process"].map(
    (name) => ({ name, message: "packages/core is runtime-agnostic: no Node built-ins." }),
  ),
};

const DOM_ONLY_GLOBALS = ["window", "document", "navigator", "localStorage", "sessionStorage", "XMLHttpRequest", "location", "Buffer", "process", "require", "__dirname", "__filename", "setImmediate"].map(
  (name) => ({ name, message: `${name} is runtime-specific; packages/core must run in Node, browsers and workers alike.` }),
);

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "**/.tmp/**", "**/.turbo/**", "**/coverage/**", "packages/core/src/generated/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    files: ["packages/core/src/**/*.ts", "packages/browser/src/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", RUNTIME_SPECIFIC_IMPORTS],
      "no-restricted-globals": ["error", ...DOM_ONLY_GLOBALS],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js", "scripts/**", "packages/test-servers/**", "apps/**", "**/test/**", "**/bench/**"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly" },
    },
  },
);
