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
