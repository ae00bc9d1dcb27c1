import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared corpus lives beside the project and is never copied into it. */
export const CORPUS_ROOT = resolve(PROJECT_ROOT, "../shared/corpus");
export const CORPUS_PAGES = join(CORPUS_ROOT, "pages");
export const EXTENSION_DIR = join(PROJECT_ROOT, ".output/chrome-mv3");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
