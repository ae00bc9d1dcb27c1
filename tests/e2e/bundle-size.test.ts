import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

/**
 * The content script runs on every page the reader opens: its size is a budget, checked like a
 * test (the bench reports it too). Card details stay in the background; only names go here.
 */
const CONTENT_SCRIPT_BUDGET_GZIP_BYTES = 40 * 1024;
const CONTENT_SCRIPTS_DIR = ".output/chrome-mv3/content-scripts";

describe("content script size", () => {
  it(`stays within ${CONTENT_SCRIPT_BUDGET_GZIP_BYTES} bytes gzipped, all chunks together`, () => {
    const files = readdirSync(CONTENT_SCRIPTS_DIR);
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    const total = files.reduce(
      (sum, file) =>
        sum + gzipSync(readFileSync(join(CONTENT_SCRIPTS_DIR, file)), { level: 9 }).length,
      0,
    );
    expect(total).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP_BYTES);
  });

  it("is measured on a production build: JSX without its development file names", () => {
    const script = readFileSync(join(CONTENT_SCRIPTS_DIR, "content.js"), "utf8");
    // A boolean, so that a failure does not print the whole script.
    expect(/columnNumber:\d/.test(script), "development JSX in content.js").toBe(false);
  });

  it("bundles no card details: no quote text from the dataset", () => {
    const script = readFileSync(join(CONTENT_SCRIPTS_DIR, "content.js"), "utf8");
    expect(script).toContain("meredith-whittaker");
    expect(script).not.toContain("executing people in the streets");
    expect(script).not.toContain("ImmigrationOS");
  });
});
