import { describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
describe("smoke", () => { it("has fakeBrowser", async () => { await fakeBrowser.storage.local.set({a:1}); expect(await fakeBrowser.storage.local.get("a")).toEqual({a:1}); }); });
