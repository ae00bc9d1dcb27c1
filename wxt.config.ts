import preact from "@preact/preset-vite";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { defineConfig } from "wxt";
import type { MatchIndex } from "./lib/dataset/types";
import { compileMatcher } from "./lib/matching";
import { specOfSieve, type SieveSpec } from "./lib/matching/sieve";
import { sieveFor } from "./lib/matching/sieve-build";
import { SIEVE_KEY_BYTES } from "./lib/settings/sieve-store";

/**
 * This build's key for the page sieve: the SHA-256 of the sieve it makes (of its JSON, the first
 * `SIEVE_KEY_BYTES` in base64), built here as the background builds it. Pages adopt a stored
 * sieve only if it hashes to this (lib/settings/sieve-store.ts): content scripts can write the
 * store, so a key alone, which every content script holds, cannot vouch for a record. A hash, not
 * a time, so that builds stay reproducible.
 */
export function sieveKey(index: MatchIndex): string {
  const sieve = sieveFor(compileMatcher(index));
  if (!sieve) throw new Error("the match index makes no page sieve");
  return keyOfSpec(specOfSieve(sieve));
}

/** The key of a sieve kept as data: also what the e2e tests check the stored one against. */
export function keyOfSpec(spec: SieveSpec): string {
  const digest = createHash("sha256").update(JSON.stringify(spec)).digest();
  return digest.subarray(0, SIEVE_KEY_BYTES).toString("base64");
}

/**
 * The bench's measuring build (`npm run build:measure`): the store build, same mode and same
 * minified production code, plus the content script's task meter (lib/content/task-meter.ts),
 * into its own folder, .output/chrome-mv3-measure. An environment variable rather than a WXT
 * mode: any mode but "production" makes WXT build development code (its NODE_ENV is the mode).
 */
export const MEASURING_BUILD_ENV_VAR = "RECEIPTS_MEASURING_BUILD";
const measuring = process.env[MEASURING_BUILD_ENV_VAR] === "1";

const matchIndex = (): MatchIndex => JSON.parse(readFileSync("data/match-index.json", "utf8"));

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ["@wxt-dev/webextension-polyfill"],
  // Icons and static files live in assets/ (the layout of docs and tests expects it).
  publicDir: "assets",
  ...(measuring && { outDirTemplate: "{{browser}}-mv{{manifestVersion}}-measure" }),
  vite: () => ({
    plugins: [preact()],
    // Browsers with `color-scheme` and `light-dark()` (Chrome 123, Firefox 120; Firefox ESR is
    // 140 or 153 here): for older ones, which this extension does not target, the CSS minifier
    // adds custom-property fallbacks, bytes of the content script's 40 KB budget.
    build: { cssTarget: ["chrome123", "firefox128"] },
    define: {
      "import.meta.env.RECEIPTS_SIEVE_KEY": JSON.stringify(sieveKey(matchIndex())),
      "import.meta.env.RECEIPTS_MEASURING_BUILD": JSON.stringify(measuring),
    },
  }),
  manifest: ({ browser, command }) => ({
    name: "Receipts",
    description:
      "See what tech leaders actually said, and their companies' ICE contracts, on any news page. Works offline; sends nothing.",
    // storage: the reader's settings. activeTab and scripting: the popup runs the content
    // script in the tab whose toolbar button the reader clicked, when none answers there (a
    // page open since before the install or an update, a site set to "on click"); activeTab
    // asks the reader nothing at install. No host permissions: the content script's match
    // patterns are all it needs, and nothing is ever fetched.
    permissions: ["storage", "activeTab", "scripting"],
    // The popup, the options page and the background load only the extension's own files: the
    // browser itself refuses them any other address (a fetch, an image, a beacon, a font), so
    // "sends nothing" holds even for code a lint rule misses. WXT writes it as Firefox MV2's
    // string. Builds only: `wxt` dev mode serves the pages' scripts and live reload from a
    // local server, which WXT would add to a script-src this policy does not have.
    ...(command === "build" && {
      content_security_policy: {
        extension_pages:
          "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
      },
    }),
    ...(browser === "firefox" && {
      browser_specific_settings: {
        gecko: {
          id: "receipts@receipts-extension.invalid",
          // Firefox asks add-ons to declare what they collect: nothing.
          data_collection_permissions: { required: ["none"] },
        },
      },
    }),
  }),
});
