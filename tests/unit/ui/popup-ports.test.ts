import { describe, expect, it, vi } from "vitest";
import { createPopupPorts, type PopupBrowser } from "../../../lib/ui/popup-ports";

function fakeBrowser(tabStatus = "complete") {
  const api = {
    tabs: {
      get: vi.fn((id: number) => Promise.resolve({ id, status: tabStatus })),
      query: vi.fn(() => Promise.resolve([{ id: 3, status: tabStatus }])),
      sendMessage: vi.fn(() => Promise.resolve({ found: true })),
    },
    runtime: { sendMessage: vi.fn(() => Promise.resolve({ cards: [] }) as Promise<unknown>) },
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

  it("fails when the background gives no cards, rather than showing an empty page", async () => {
    const { api, ports } = fakeBrowser();
    api.runtime.sendMessage.mockResolvedValue(undefined);
    await expect(ports().loadCards(["acme"])).rejects.toThrow();
  });
});
