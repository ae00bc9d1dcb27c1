/**
 * Bundles scripts/bench/page-entry.ts (and through it the content script's own lib modules and
 * mark.js) into one classic script the harness evaluates in each page.
 */
import { build } from "esbuild";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths";

/** `root`: the project tree to bundle from (another revision's, for bench:compare). */
export async function bundlePageScript(root = PROJECT_ROOT): Promise<string> {
  const result = await build({
    entryPoints: [join(root, "scripts/bench/page-entry.ts")],
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
