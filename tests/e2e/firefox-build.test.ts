import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIREFOX_EXTENSION_DIR } from "../../scripts/demo/firefox";

/**
 * Lints the Firefox build with Mozilla's own linter (web-ext lint). The e2e global setup built
 * it, for production, beside the Chromium build.
 */
describe("the Firefox build", () => {
  it("is a manifest v2 add-on and passes web-ext lint with no errors", { timeout: 240_000 }, () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, "manifest.json"), "utf8"));
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(manifest.permissions).toEqual(["storage", "activeTab", "scripting"]);
    // On the toolbar, where its badge shows, not in Firefox's extensions menu.
    expect(manifest.browser_action.default_area).toBe("navbar");

    let output: string;
    try {
      output = execFileSync(
        "npx",
        [
          "web-ext",
          "lint",
          "--source-dir",
          FIREFOX_EXTENSION_DIR,
          "--output",
          "json",
          "--no-config-discovery",
        ],
        { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
    } catch (error) {
      // web-ext exits non-zero on errors; its JSON report is still on stdout.
      output = (error as { stdout: string }).stdout;
    }
    const report = JSON.parse(output.slice(output.indexOf("{")));
    expect(report.errors).toEqual([]);
    // The only warnings allowed are Preact's own innerHTML code path for
    // dangerouslySetInnerHTML, which Receipts never uses (ESLint forbids it in our code).
    for (const warning of report.warnings) expect(warning.code).toBe("UNSAFE_VAR_ASSIGNMENT");
  });
});
