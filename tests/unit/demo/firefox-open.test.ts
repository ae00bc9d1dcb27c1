/**
 * openExtensionPage waits for the extension's page by polling it. A poll that lands while the tab
 * moves to the extension's process can fail inside Firefox's remote agent; a clean-clone CI run
 * failed on one. Fakes stand in for puppeteer's page: the first polls fail that way.
 */
import { TimeoutError, type Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { openExtensionPage, type FirefoxExtensionBrowser } from "../../../scripts/demo/firefox";

const URL = "moz-extension://00000000-0000-0000-0000-000000000000/popup.html";

function fakeFirefox(waits: (() => Promise<unknown>)[]) {
  const state = { polls: 0, closed: false };
  const page = {
    // Never finishes by itself (puppeteer/puppeteer#14314), only when aborted.
    goto: (_: string, { signal }: { signal: AbortSignal }) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(new Error("This operation was aborted"))),
      ),
    waitForFunction: () => {
      const next = waits[Math.min(state.polls, waits.length - 1)] as () => Promise<unknown>;
      state.polls += 1;
      return next();
    },
    close: () => {
      state.closed = true;
      return Promise.resolve();
    },
  };
  const firefox = {
    browser: { newPage: () => Promise.resolve(page) },
  } as unknown as FirefoxExtensionBrowser;
  return { firefox, page: page as unknown as Page, state };
}

const agentError = () =>
  Promise.reject(
    new Error("Waiting failed", {
      cause: new Error("right-hand side of 'in' should be an object, got null"),
    }),
  );

describe("openExtensionPage", () => {
  it("polls again after the remote agent fails mid-navigation, and opens the page", async () => {
    const { firefox, page, state } = fakeFirefox([agentError, agentError, () => Promise.resolve()]);
    await expect(openExtensionPage(firefox, URL)).resolves.toBe(page);
    expect(state.polls).toBe(3);
    expect(state.closed).toBe(false);
  });

  it("gives up at the deadline, closing the tab", async () => {
    const { firefox, state } = fakeFirefox([() => Promise.reject(new TimeoutError("waiting"))]);
    await expect(openExtensionPage(firefox, URL)).rejects.toThrow(`Could not open ${URL}`);
    expect(state.closed).toBe(true);
  });
});
