import { describe, expect, it, vi } from "vitest";
import { createPopupPorts, type PopupBrowser } from "../../../lib/ui/popup-ports";

function fakeBrowser(tabStatus = "complete") {
  const api = {
    tabs: {
      get: vi.fn((id: number) => Promise.resolve({ id, status: tabStatus })),
      query: vi.fn(() => Promise.resolve([{ id: 3, status: tabStatus }])),
      sendMessage: vi.fn(() => Promise.resolve({ found: true })),
    },
    runtime: {
      sendMessage: vi.fn(() => Promise.resolve({ cards: [] }) as Promise<unknown>),
      getManifest: vi.fn(() => ({
        content_scripts: [{ js: ["content-scripts/content.js"] }] as
          { js?: string[] }[] | undefined,
      })),
    },
    scripting: {
      executeScript: vi.fn((_injection: unknown) => Promise.resolve([]) as Promise<unknown>),
    } as PopupBrowser["scripting"] & { executeScript: ReturnType<typeof vi.fn> },
  } satisfies PopupBrowser;
  const others = {
    setSiteEnabled: () => Promise.resolve(),
    writeClipboard: () => Promise.resolve(),
    schedule: () => () => undefined,
  };
  return { api, ports: (search = "") => createPopupPorts(api, search, others) };
}

describe("the popup's browser ports", () => {
  it("asks only the tab's top frame, never a frame's content script", async () => {
    const { api, ports } = fakeBrowser();
    await ports().askPage(3, { type: "page-summary" });
    await ports().askPage(3, { type: "jump", entity: "acme" });
    expect(api.tabs.sendMessage.mock.calls).toEqual([
      [3, { type: "page-summary" }, { frameId: 0 }],
      [3, { type: "jump", entity: "acme" }, { frameId: 0 }],
    ]);
  });

  it("takes a tab with no content script for no answer", async () => {
    const { api, ports } = fakeBrowser();
    api.tabs.sendMessage.mockRejectedValue(new Error("Receiving end does not exist."));
    await expect(ports().askPage(3, { type: "page-summary" })).resolves.toBeUndefined();
  });

  it("summarises the tab named in the query, else the active tab, with its loading status", async () => {
    const { api, ports } = fakeBrowser("loading");
    await expect(ports("?tab=12").findTab()).resolves.toEqual({ id: 12, loading: true });
    await expect(ports("?tab=nope").findTab()).resolves.toEqual({ id: 3, loading: true });
    expect(api.tabs.get).toHaveBeenCalledTimes(1);
  });

  it("starts the manifest's content script in the tab's top frame", async () => {
    const { api, ports } = fakeBrowser();
    await expect(ports().startPage(3)).resolves.toBe(true);
    expect(api.scripting.executeScript.mock.calls).toEqual([
      [{ target: { tabId: 3, frameIds: [0] }, files: ["content-scripts/content.js"] }],
    ]);
  });

  it("starts nothing where the browser refuses, and says so", async () => {
    const { api, ports } = fakeBrowser();
    api.scripting.executeScript.mockRejectedValue(new Error("Cannot access contents of the page."));
    await expect(ports().startPage(3)).resolves.toBe(false);
  });

  it("starts nothing without a scripting API or a declared content script", async () => {
    const { api, ports } = fakeBrowser();
    api.runtime.getManifest.mockReturnValue({ content_scripts: undefined });
    await expect(ports().startPage(3)).resolves.toBe(false);
    const withoutScripting = createPopupPorts({ ...api, scripting: undefined }, "", {
      setSiteEnabled: () => Promise.resolve(),
      writeClipboard: () => Promise.resolve(),
      schedule: () => () => undefined,
    });
    api.runtime.getManifest.mockReturnValue({ content_scripts: [{ js: ["content.js"] }] });
    await expect(withoutScripting.startPage(3)).resolves.toBe(false);
    expect(api.scripting.executeScript).not.toHaveBeenCalled();
  });

  it("fails when the background gives no cards, rather than showing an empty page", async () => {
    const { api, ports } = fakeBrowser();
    api.runtime.sendMessage.mockResolvedValue(undefined);
    await expect(ports().loadCards(["acme"])).rejects.toThrow();
  });
});
