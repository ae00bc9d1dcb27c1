import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { disabledSites, isSiteEnabled, setSiteEnabled } from "../../lib/settings/settings";

describe("site switch", () => {
  beforeEach(() => fakeBrowser.reset());

  it("is on by default, remembers off per site, and turns back on", async () => {
    expect(await isSiteEnabled("example.com")).toBe(true);
    await setSiteEnabled("example.com", false);
    await setSiteEnabled("example.com", false);
    expect(await isSiteEnabled("example.com")).toBe(false);
    expect(await isSiteEnabled("other.org")).toBe(true);
    expect(await disabledSites.getValue()).toEqual(["example.com"]);
    await setSiteEnabled("example.com", true);
    expect(await isSiteEnabled("example.com")).toBe(true);
  });
});

describe("mark mode overrides", () => {
  beforeEach(() => fakeBrowser.reset());

  it("stores a per-entity choice and removes it again", async () => {
    const { markModeOverrides, setMarkMode } = await import("../../lib/settings/settings");
    await setMarkMode("tim-cook", "first");
    await setMarkMode("apple", "every");
    expect(await markModeOverrides.getValue()).toEqual({ "tim-cook": "first", apple: "every" });
    await setMarkMode("tim-cook", null);
    expect(await markModeOverrides.getValue()).toEqual({ apple: "every" });
  });
});
