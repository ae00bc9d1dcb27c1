/**
 * The content script's size as its budget counts it: every file the build puts in
 * content-scripts/, each gzipped at level 9, summed. The bundle-size test holds it to the budget;
 * the bench reports it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { EXTENSION_DIR } from "./paths";

/** It runs on every page the reader opens: card details stay in the background. */
export const CONTENT_SCRIPT_BUDGET_GZIP_BYTES = 40 * 1024;

export function contentScriptsDir(extensionDir = EXTENSION_DIR): string {
  return join(extensionDir, "content-scripts");
}

export function contentScriptGzipBytes(extensionDir = EXTENSION_DIR): number {
  const folder = contentScriptsDir(extensionDir);
  return readdirSync(folder).reduce(
    (total, file) => total + gzipSync(readFileSync(join(folder, file)), { level: 9 }).length,
    0,
  );
}
