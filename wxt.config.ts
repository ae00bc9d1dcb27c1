import preact from "@preact/preset-vite";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "wxt";

/**
 * What the page sieve is built from: the match index and the matcher's code. The background and
 * the content script of one build share this key, and a sieve stored by another build is never
 * used (lib/settings/sieve-store.ts). A hash, not a time, so that builds stay reproducible.
 */
function sieveKey(): string {
  const hash = createHash("sha256").update(readFileSync("data/match-index.json"));
  for (const file of readdirSync("lib/matching").sort()) {
    hash.update(file).update(readFileSync(join("lib/matching", file)));
  }
  return hash.digest("hex").slice(0, 16);
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ["@wxt-dev/webextension-polyfill"],
  // Icons and static files live in assets/ (the layout of docs and tests expects it).
  publicDir: "assets",
  vite: () => ({
    plugins: [preact()],
    define: { "import.meta.env.RECEIPTS_SIEVE_KEY": JSON.stringify(sieveKey()) },
    resolve: {
      // mark.js's package entry is an ES5 UMD build; its ES2015 module source is the same code
      // and minifies smaller, which the content script's size budget needs.
      alias: { "mark.js": "mark.js/src/vanilla.js" },
    },
  }),
  manifest: ({ browser }) => ({
    name: "Receipts",
    description:
      "See what tech leaders actually said, and their companies' ICE contracts, on any news page. Works offline; sends nothing.",
    // storage: the reader's settings. No host permissions: the content script's match patterns
    // are all it needs, and nothing is ever fetched.
    permissions: ["storage"],
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
