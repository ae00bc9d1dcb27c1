/**
 * Bundles scripts/bench/page-entry.ts (and through it the content script's own lib modules and
 * mark.js) into one classic script the harness evaluates in each page.
 */
import { build } from "esbuild";
import { join } from "node:path";
import { PROJECT_ROOT } from "./paths";

export async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, "scripts/bench/page-entry.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    write: false,
    // Same as the extension's production build: minified, so the engine parses what ships.
    minify: true,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("bench: esbuild produced no output");
  return output.text;
}
