/**
 * Where things are, for every script and test: the project, the built extension, the shared
 * corpus beside the project (read in place, never copied in), and the system's Chromium.
 */
import { join, resolve } from "node:path";

export const PROJECT_ROOT = resolve(import.meta.dirname, "..");
export const EXTENSION_DIR = join(PROJECT_ROOT, ".output/chrome-mv3");
/**
 * The bench's build (`npm run build:measure`, wxt.config.ts): the store build plus the content
 * script's task meter, which the store build leaves out.
 */
export const MEASURING_EXTENSION_DIR = join(PROJECT_ROOT, ".output/chrome-mv3-measure");
export const CORPUS_ROOT = resolve(PROJECT_ROOT, "../shared/corpus");
export const CORPUS_PAGES = join(CORPUS_ROOT, "pages");
/** Debian's package; set CHROMIUM_PATH for another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
