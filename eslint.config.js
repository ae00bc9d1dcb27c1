import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".output/", ".wxt/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  // Plain Node scripts (the CI summary) run outside TypeScript's view of globals.
  { files: ["**/*.mjs"], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-eval": "error",
    },
  },
  {
    // Tests never skip silently, and a focused test never hides the others (vitest's allowOnly
    // catches `.only` at run time too).
    files: ["tests/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["describe", "it", "test"].flatMap((object) =>
          ["only", "skip", "skipIf", "runIf", "todo"].map((property) => ({
            object,
            property,
            message: "Tests must run every time: no focused, skipped or conditional tests.",
          })),
        ),
      ],
    },
  },
  {
    // The extension itself sends nothing anywhere.
    files: ["entrypoints/**", "lib/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: "No innerHTML: page and dataset text must never become markup.",
        },
        {
          selector:
            "MemberExpression[property.name='outerHTML'][parent.type='AssignmentExpression']",
          message: "No outerHTML assignment.",
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: "No insertAdjacentHTML.",
        },
        { selector: "NewExpression[callee.name='Function']", message: "No new Function." },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "No dangerouslySetInnerHTML: page and dataset text must never become markup.",
        },
      ],
      "no-restricted-globals": ["error", "fetch", "XMLHttpRequest", "WebSocket", "EventSource"],
      // The same requests reached through an object, and the one the names above miss.
      "no-restricted-properties": [
        "error",
        ...["window", "globalThis", "self"].flatMap((object) =>
          ["fetch", "XMLHttpRequest", "WebSocket", "EventSource"].map((property) => ({
            object,
            property,
            message: "The extension sends nothing anywhere.",
          })),
        ),
        { property: "sendBeacon", message: "The extension sends nothing anywhere." },
      ],
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "webextension-polyfill", message: "Import browser from wxt/browser." }] },
      ],
    },
  },
);
