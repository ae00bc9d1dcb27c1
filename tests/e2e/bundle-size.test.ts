import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LONGEST_TASK_ATTRIBUTE, STARTED_AT_ATTRIBUTE } from "../../lib/content/task-meter";
import {
  CONTENT_SCRIPT_BUDGET_GZIP_BYTES,
  contentScriptGzipBytes,
  contentScriptsDir,
} from "../../scripts/content-script-size";

/**
 * The content script runs on every page the reader opens: its size is a budget, checked like a
 * test (the bench reports it too). Card details stay in the background; only names go here.
 */
const CONTENT_SCRIPTS_DIR = contentScriptsDir();

describe("content script size", () => {
  it(`stays within ${CONTENT_SCRIPT_BUDGET_GZIP_BYTES} bytes gzipped, all chunks together`, () => {
    expect(readdirSync(CONTENT_SCRIPTS_DIR).some((file) => file.endsWith(".js"))).toBe(true);
    expect(contentScriptGzipBytes()).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP_BYTES);
  });

  it("is measured on a production build: JSX without its development file names", () => {
    const script = readFileSync(join(CONTENT_SCRIPTS_DIR, "content.js"), "utf8");
    // A boolean, so that a failure does not print the whole script.
    expect(/columnNumber:\d/.test(script), "development JSX in content.js").toBe(false);
  });

  it("holds no task meter: the bench's is in the measuring build only", () => {
    const script = readFileSync(join(CONTENT_SCRIPTS_DIR, "content.js"), "utf8");
    // Booleans, so that a failure does not print the whole script.
    for (const attribute of [STARTED_AT_ATTRIBUTE, LONGEST_TASK_ATTRIBUTE]) {
      expect(script.includes(attribute), `${attribute} in content.js`).toBe(false);
    }
  });

  it("bundles no card style: the background gives it to the first card (decision 0012)", () => {
    const script = readFileSync(join(CONTENT_SCRIPTS_DIR, "content.js"), "utf8");
    const background = readFileSync(join(CONTENT_SCRIPTS_DIR, "..", "background.js"), "utf8");
    // The card's own colour property, in no other sheet of ours. Booleans, so that a failure
    // does not print the whole script.
    expect(background.includes("--quote-bg:"), "card.css in background.js").toBe(true);
    expect(script.includes("--quote-bg:"), "card.css in content.js").toBe(false);
  });

  it("bundles no card details: no quote text from the dataset", () => {
    const script = readFileSync(join(CONTENT_SCRIPTS_DIR, "content.js"), "utf8");
    expect(script).toContain("meredith-whittaker");
    expect(script).not.toContain("executing people in the streets");
    expect(script).not.toContain("ImmigrationOS");
  });
});
