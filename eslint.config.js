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

// Layers of packages/core/src, lowest first. A folder may import its own layer and the ones
// below it, never one above: errors and validation know nothing of HTTP, the request pipeline
// (http) knows nothing of identity or images, and only client.ts / index.ts / internal.ts see
// everything. `generated/` is the bottom (types from spec/).
const CORE_LAYERS = [
  ["generated"],
  ["errors", "validation"],
  ["schemas"],
  ["transport"],
  ["http"],
  ["pagination", "patch", "retry", "hashing"],
  ["identity"],
  ["images", "object-store"],
  ["members", "tasks", "schemas-api", "data", "imports", "waiters", "versions", "compute"],
];
const CORE_TOP_FILES = ["client", "index", "internal"];

/** The `no-restricted-imports` patterns a folder of packages/core/src gets: runtime-specific modules and every higher layer. */
function coreLayerImports(level, folder) {
  const higher = CORE_LAYERS.slice(level + 1).flat();
  const order = CORE_LAYERS.map((l) => l.join(", ")).join(" → ");
  const message = (target) => `packages/core layering: ${folder}/ must not import ${target} (a higher layer). Layers, lowest first: ${order} → client/index.`;
  return {
    paths: RUNTIME_SPECIFIC_IMPORTS.paths,
    patterns: [
      ...RUNTIME_SPECIFIC_IMPORTS.patterns,
      ...higher.map((target) => ({ group: [`../${target}`, `../${target}/*`], message: message(`${target}/`) })),
      { group: CORE_TOP_FILES.flatMap((f) => [`../${f}`, `../${f}.js`, `../${f}.ts`]), message: message("the package's entry files (client, index, internal)") },
    ],
  };
}

// Every error the SDK throws is a CloudImagesError subclass with its own code (packages/core/src/errors).
const BUILTIN_ERROR = "/^(Error|TypeError|RangeError)$/";
const NO_BUILTIN_THROWS = [
  {
    selector: `ThrowStatement > NewExpression[callee.name=${BUILTIN_ERROR}]`,
    message: "Throw a CloudImagesError subclass with its own code (packages/core/src/errors), not a built-in Error.",
  },
  {
    selector: `ThrowStatement > CallExpression[callee.name=${BUILTIN_ERROR}]`,
    message: "Throw a CloudImagesError subclass with its own code (packages/core/src/errors), not a built-in Error.",
  },
];
const NO_ERROR_SUBCLASSES = [
  {
    selector: `:matches(ClassDeclaration, ClassExpression)[superClass.name=${BUILTIN_ERROR}]`,
    message: "Extend CloudImagesError (or one of its subclasses) instead of a built-in Error: only packages/core/src/errors/base.ts extends Error.",
  },
];

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "**/.tmp/**", "**/.artifacts/**", "**/.turbo/**", "**/coverage/**", "packages/core/src/generated/**"],
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
  ...CORE_LAYERS.flatMap((folders, level) =>
    folders.map((folder) => ({
      files: [`packages/core/src/${folder}/**/*.ts`],
      rules: { "no-restricted-imports": ["error", coreLayerImports(level, folder)] },
    })),
  ),
  {
    // packages/test-servers is private test tooling (installs and starts Glance/Keystone): its
    // failures never reach an SDK user, so plain errors are fine there.
    files: ["packages/*/src/**/*.ts", "apps/*/src/**/*.ts"],
    ignores: ["packages/test-servers/**"],
    rules: { "no-restricted-syntax": ["error", ...NO_BUILTIN_THROWS, ...NO_ERROR_SUBCLASSES] },
  },
  {
    // The one place a class extends Error: the SDK's base error.
    files: ["packages/core/src/errors/base.ts"],
    rules: { "no-restricted-syntax": ["error", ...NO_BUILTIN_THROWS] },
  },
  {
    files: ["**/*.mjs", "**/*.js", "scripts/**", "packages/test-servers/**", "apps/**", "**/test/**", "**/bench/**"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly" },
    },
  },
);
