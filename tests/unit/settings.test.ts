import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import {
  disabledSites,
  isAnySiteOff,
  isSiteEnabled,
  markInFrames,
  markModeOverrides,
  setMarkMode,
  setSiteEnabled,
  siteOfHost,
  sitesOf,
} from "../../lib/settings/settings";
import type * as settings from "../../lib/settings/settings";

describe("site switch", () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

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

  it("keeps the sites turned off in alphabetical order, the order the options page lists", async () => {
    await setSiteEnabled("news.example", false);
    await setSiteEnabled("blog.example", false);
    await setSiteEnabled("zine.example", false);
    expect(await disabledSites.getValue()).toEqual([
      "blog.example",
      "news.example",
      "zine.example",
    ]);
  });

  it("goes on with the next change when one fails, and tells the failed one's caller", async () => {
    vi.spyOn(fakeBrowser.storage.local, "set").mockRejectedValueOnce(new Error("quota"));
    const failed = setSiteEnabled("a.example", false);
    const next = setSiteEnabled("b.example", false);
    await expect(failed).rejects.toThrow("quota");
    await next;
    expect(await disabledSites.getValue()).toEqual(["b.example"]);
  });

  it("keeps every change made in quick succession: two sites turned back on stay on", async () => {
    await disabledSites.setValue(["a.example", "b.example", "c.example"]);
    // Two changes on the options page, the second made before the first is written.
    await Promise.all([setSiteEnabled("a.example", true), setSiteEnabled("b.example", true)]);
    expect(await disabledSites.getValue()).toEqual(["c.example"]);
    await Promise.all([setMarkMode("apple", "first"), setMarkMode("google", "first")]);
    expect(await markModeOverrides.getValue()).toEqual({ apple: "first", google: "first" });
  });

  it("keeps the changes of two pages made at once, one waiting for the other's lock", async () => {
    // The Web Locks the popup and the options page share: exclusive, granted in turn per name.
    const held = new Map<string, Promise<unknown>>();
    const locks = {
      request<T>(name: string, callback: () => Promise<T>): Promise<T> {
        const granted = (held.get(name) ?? Promise.resolve()).then(callback);
        held.set(
          name,
          granted.catch(() => undefined),
        );
        return granted;
      },
    };
    vi.stubGlobal("navigator", { locks });
    // Two pages: two instances of the module (a query makes a new one), each with its own
    // state, one storage.
    const page = (name: string) =>
      import(`../../lib/settings/settings?${name}`) as Promise<typeof settings>;
    const [popup, options] = await Promise.all([page("popup"), page("options")]);
    await disabledSites.setValue(["a.example", "b.example"]);
    await Promise.all([
      popup.setSiteEnabled("a.example", true),
      options.setSiteEnabled("b.example", true),
      options.setMarkMode("apple", "first"),
      popup.setMarkMode("google", "first"),
    ]);
    expect(await disabledSites.getValue()).toEqual([]);
    expect(await markModeOverrides.getValue()).toEqual({ apple: "first", google: "first" });
    expect(held.size).toBe(1);
  });

  it("counts a frame as part of the top page's site, the one the popup's switch names", async () => {
    const frame = { hostname: "embed.example", ancestorOrigins: ["https://news.example:8443"] };
    expect(sitesOf(frame)).toEqual(["embed.example", "news.example"]);
    await setSiteEnabled("news.example", false);
    expect(await isSiteEnabled(...sitesOf(frame))).toBe(false);
    // A frame in a frame: the list runs from its parent to the top page.
    const nested = {
      hostname: "embed.example",
      ancestorOrigins: ["https://ads.example", "https://news.example"],
    };
    expect(sitesOf(nested)).toEqual(["embed.example", "news.example"]);
    // A top page, a browser that does not tell a frame its ancestors, an ancestor it hides.
    expect(sitesOf({ hostname: "news.example", ancestorOrigins: [] })).toEqual(["news.example"]);
    expect(sitesOf({ hostname: "embed.example" })).toEqual(["embed.example"]);
    expect(sitesOf({ hostname: "embed.example", ancestorOrigins: ["null"] })).toEqual([
      "embed.example",
    ]);
  });
});

describe("a site is its host without its leading www.", () => {
  beforeEach(() => fakeBrowser.reset());

  /** Whether Receipts runs on a top page at this host, as the content script asks. */
  const isOnAt = (hostname: string) => isSiteEnabled(...sitesOf({ hostname }));

  it.each([
    ["www.nytimes.com", "nytimes.com"],
    ["nytimes.com", "nytimes.com"],
    // Only "www." itself, at the start.
    ["www.www.example.com", "example.com"],
    ["www2.nytimes.com", "www2.nytimes.com"],
    ["ww.nytimes.com", "ww.nytimes.com"],
    ["wwww.nytimes.com", "wwww.nytimes.com"],
    ["wwwx.com", "wwwx.com"],
    ["news.example.com", "news.example.com"],
    ["news.www.example.com", "news.www.example.com"],
    ["www", "www"],
    ["127.0.0.1", "127.0.0.1"],
    ["[::1]", "[::1]"],
    ["localhost", "localhost"],
  ])("reads %s as the site %s", async (host, site) => {
    expect(siteOfHost(host)).toBe(site);
    // The popup hands the switch the site it names: the page's host goes off with it.
    await setSiteEnabled(site, false);
    expect(await isOnAt(host)).toBe(false);
    await setSiteEnabled(site, true);
    expect(await isOnAt(host)).toBe(true);
  });

  it("turns www.nytimes.com and nytimes.com off and on together, from either", async () => {
    await setSiteEnabled("www.nytimes.com", false);
    expect(await disabledSites.getValue()).toEqual(["nytimes.com"]);
    expect(await isOnAt("nytimes.com")).toBe(false);
    expect(await isOnAt("www.nytimes.com")).toBe(false);
    await setSiteEnabled("nytimes.com", true);
    expect(await isOnAt("www.nytimes.com")).toBe(true);
    expect(await disabledSites.getValue()).toEqual([]);

    await setSiteEnabled("nytimes.com", false);
    expect(await isOnAt("www.nytimes.com")).toBe(false);
    await setSiteEnabled("www.nytimes.com", true);
    expect(await isOnAt("nytimes.com")).toBe(true);
    expect(await disabledSites.getValue()).toEqual([]);
  });

  it("leaves other hosts of the domain their own sites: www2., a section, a longer name", async () => {
    await setSiteEnabled("www.example.com", false);
    // Only leading "www." goes: "www2.", a section, "ww." keep their own.
    const others = [
      "www2.example.com",
      "news.example.com",
      "wwwexample.com",
      "ww.example.com",
      "wwww.example.com",
    ];
    for (const host of others) {
      expect(await isOnAt(host)).toBe(true);
    }
    await setSiteEnabled("example.com", true);
    await setSiteEnabled("www2.example.com", false);
    await setSiteEnabled("news.example.com", false);
    expect(await isOnAt("example.com")).toBe(true);
    expect(await isOnAt("www.example.com")).toBe(true);
    expect(await disabledSites.getValue()).toEqual(["news.example.com", "www2.example.com"]);
    expect(isAnySiteOff(["www2.example.com", "news.example.com"], ["example.com"])).toBe(false);
  });

  it("keeps an earlier build's www. entry off for both, until the site is turned on", async () => {
    // What an earlier build stored after a switch on www.nytimes.com.
    await fakeBrowser.storage.local.set({ disabledSites: ["a.example", "www.nytimes.com"] });
    expect(await isOnAt("nytimes.com")).toBe(false);
    expect(await isOnAt("www.nytimes.com")).toBe(false);
    expect(isAnySiteOff(["www.nytimes.com"], ["nytimes.com"])).toBe(true);
    await setSiteEnabled("nytimes.com", true);
    expect(await isOnAt("www.nytimes.com")).toBe(true);
    expect(await disabledSites.getValue()).toEqual(["a.example"]);
  });

  it("turns on every stored entry of the site, the old www. one and the new bare one", async () => {
    await disabledSites.setValue(["nytimes.com", "www.nytimes.com", "www2.nytimes.com"]);
    await setSiteEnabled("www.nytimes.com", true);
    expect(await disabledSites.getValue()).toEqual(["www2.nytimes.com"]);
  });

  it("turning a site off again replaces its old www. entry, not stores a second one", async () => {
    await disabledSites.setValue(["www.nytimes.com", "zine.example"]);
    await setSiteEnabled("www.nytimes.com", false);
    expect(await disabledSites.getValue()).toEqual(["nytimes.com", "zine.example"]);
  });

  it("counts a frame and its top page as one site whichever has the www.", async () => {
    await setSiteEnabled("www.nytimes.com", false);
    // The page at www., a frame of its own on the bare host, and the reverse.
    const frame = { hostname: "nytimes.com", ancestorOrigins: ["https://www.nytimes.com"] };
    expect(sitesOf(frame)).toEqual(["nytimes.com", "nytimes.com"]);
    expect(await isSiteEnabled(...sitesOf(frame))).toBe(false);
    const reverse = { hostname: "www.nytimes.com", ancestorOrigins: ["https://nytimes.com"] };
    expect(await isSiteEnabled(...sitesOf(reverse))).toBe(false);
    // An embed from another site on a www. page goes off with the page's site.
    const embed = { hostname: "www.embed.example", ancestorOrigins: ["https://www.nytimes.com"] };
    expect(sitesOf(embed)).toEqual(["embed.example", "nytimes.com"]);
    expect(await isSiteEnabled(...sitesOf(embed))).toBe(false);
    // That embed's own site, turned off, is the bare one too.
    expect(sitesOf({ hostname: "www.embed.example", ancestorOrigins: [] })).toEqual([
      "embed.example",
    ]);
  });
});

describe("mark mode overrides", () => {
  beforeEach(() => fakeBrowser.reset());

  it("stores a per-entity choice and removes it again", async () => {
    await setMarkMode("tim-cook", "first");
    await setMarkMode("apple", "every");
    expect(await markModeOverrides.getValue()).toEqual({ "tim-cook": "first", apple: "every" });
    await setMarkMode("tim-cook", null);
    expect(await markModeOverrides.getValue()).toEqual({ apple: "every" });
    // Nothing of the removed one is left in the store.
    expect(await fakeBrowser.storage.local.get("markModes")).toEqual({
      markModes: { apple: "every" },
    });
  });
});

describe("stored values are untrusted", () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it("reads what WXT's storage wrote, next to its metadata key", async () => {
    await fakeBrowser.storage.local.set({
      disabledSites: ["example.com"],
      disabledSites$: { v: 1 },
      markModes: { apple: "first" },
      markModes$: { v: 1 },
      markInFrames: true,
    });
    expect(await isSiteEnabled("example.com")).toBe(false);
    expect(await markModeOverrides.getValue()).toEqual({ apple: "first" });
    expect(await markInFrames.getValue()).toBe(true);
  });

  it.each([
    ["a string", "example.com"],
    ["an array of numbers", [1, 2]],
    ["an object", { "example.com": true }],
  ])("reads no disabled sites from %s", async (_, stored) => {
    await fakeBrowser.storage.local.set({ disabledSites: stored });
    expect(await disabledSites.getValue()).toEqual([]);
    expect(await isSiteEnabled("example.com")).toBe(true);
  });

  it.each([
    ["an unknown mode", { apple: "sometimes" }],
    ["an array", ["every"]],
    ["a string", "first"],
  ])("reads no mark mode overrides from %s", async (_, stored) => {
    await fakeBrowser.storage.local.set({ markModes: stored });
    expect(await markModeOverrides.getValue()).toEqual({});
  });

  it("reads no mark mode overrides from a stored null", async () => {
    // The fake store deletes a key set to null; a browser's may give the null back.
    vi.spyOn(fakeBrowser.storage.local, "get").mockResolvedValue({ markModes: null });
    expect(await markModeOverrides.getValue()).toEqual({});
  });

  it("keeps the good entries of a list with a bad one: the sites turned off stay off", async () => {
    await fakeBrowser.storage.local.set({ disabledSites: ["a.example", 3, null, "b.example"] });
    expect(await disabledSites.getValue()).toEqual(["a.example", "b.example"]);
    expect(await isSiteEnabled("b.example")).toBe(false);
    // The next switch keeps them too.
    await setSiteEnabled("c.example", false);
    expect(await disabledSites.getValue()).toEqual(["a.example", "b.example", "c.example"]);
  });

  it("keeps the mark mode overrides it knows, dropping an unknown one", async () => {
    await fakeBrowser.storage.local.set({ markModes: { apple: "first", google: "sometimes" } });
    expect(await markModeOverrides.getValue()).toEqual({ apple: "first" });
  });

  it("gives each reader its own copy of the default: one changing it changes no other's", async () => {
    const sites = await disabledSites.getValue();
    sites.push("example.com");
    expect(await disabledSites.getValue()).toEqual([]);
    expect(await isSiteEnabled("example.com")).toBe(true);
  });

  it("reads frames off from anything but a boolean", async () => {
    await fakeBrowser.storage.local.set({ markInFrames: "false" });
    expect(await markInFrames.getValue()).toBe(false);
  });
});

describe("watching a setting", () => {
  beforeEach(() => fakeBrowser.reset());

  it("reports its own key's local changes, validated, until unwatched", async () => {
    const seen: string[][] = [];
    const unwatch = disabledSites.watch((sites) => seen.push(sites));
    await setSiteEnabled("example.com", false);
    await fakeBrowser.storage.local.set({ markInFrames: true, disabledSites$: { v: 1 } });
    await fakeBrowser.storage.sync.set({ disabledSites: ["synced.org"] });
    await fakeBrowser.storage.local.set({ disabledSites: "corrupted" });
    await fakeBrowser.storage.local.set({ disabledSites: ["other.org"] });
    // Another key written with it, and listed first, is not taken for it.
    await fakeBrowser.storage.local.set({ markInFrames: false, disabledSites: ["both.org"] });
    await fakeBrowser.storage.local.remove("disabledSites");
    unwatch();
    await setSiteEnabled("late.net", false);
    expect(seen).toEqual([["example.com"], [], ["other.org"], ["both.org"], []]);
  });

  it("stays quiet when the same value is written again", async () => {
    const seen: boolean[] = [];
    markInFrames.watch((enabled) => seen.push(enabled));
    // The default, written where nothing was stored, reads as no change either.
    await markInFrames.setValue(false);
    await markInFrames.setValue(true);
    await markInFrames.setValue(true);
    expect(seen).toEqual([true]);
  });
});
