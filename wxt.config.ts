import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ["@wxt-dev/webextension-polyfill"],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: "Receipts",
    description:
      "See what tech leaders actually said, and their companies' ICE contracts, on any news page. Works offline; sends nothing.",
    permissions: ["storage"],
  },
});
