/**
 * The sweep's way out of a wedged browser: a clean-clone CI run once waited with no end on a
 * tab or service worker that never answered, after a page had timed out. Fakes stand in for
 * Playwright's objects; "never answers" is a promise that never settles.
 */
import { describe, expect, it } from "vitest";
import {
  cleanWorker,
  describeDom,
  setDisabledSites,
  type SweepWorker,
} from "../../scripts/sweep/runner";

const EXTENSION_ID = "a".repeat(32);
const never = () => new Promise<never>(() => undefined);

/** A service worker that records what it is asked to store, or never answers. */
function fakeServiceWorker(answers: boolean) {
  const stored: unknown[] = [];
  return {
    stored,
    url: () => `chrome-extension://${EXTENSION_ID}/background.js`,
    evaluate: (_: unknown, [, value]: readonly [string, unknown]) => {
      if (!answers) return never();
      stored.push(value);
      return Promise.resolve();
    },
  };
}

function fakeWorker(options: {
  serviceWorker: ReturnType<typeof fakeServiceWorker>;
  running?: ReturnType<typeof fakeServiceWorker>[];
  tabsClose?: boolean;
  browserCloses?: boolean;
}) {
  const state = { tabsClosed: 0, browserClosed: false };
  const tab = {
    close: () => {
      if (options.tabsClose === false) return never();
      state.tabsClosed += 1;
      return Promise.resolve();
    },
  };
  const worker = {
    browser: {
      extensionId: EXTENSION_ID,
      serviceWorker: options.serviceWorker,
      context: {
        pages: () => [tab, tab],
        serviceWorkers: () => options.running ?? [options.serviceWorker],
      },
      close: () => {
        state.browserClosed = true;
        return options.browserCloses === false ? never() : Promise.resolve();
      },
    },
    log: { blocked: 0, blockedUrls: [] },
    workerErrors: [],
  } as unknown as SweepWorker;
  return { worker, state };
}

describe("setDisabledSites", () => {
  it("writes through the service worker running now when the one it holds never answers", async () => {
    const stopped = fakeServiceWorker(false);
    const running = fakeServiceWorker(true);
    const { worker } = fakeWorker({ serviceWorker: stopped, running: [running] });
    await setDisabledSites(worker, ["127.0.0.1"], 20);
    expect(running.stored).toEqual([["127.0.0.1"]]);
    // And keeps it for the next write.
    expect(worker.browser.serviceWorker).toBe(running);
  });

  it("fails, rather than waiting forever, when no service worker answers", async () => {
    const { worker } = fakeWorker({ serviceWorker: fakeServiceWorker(false) });
    await expect(setDisabledSites(worker, [], 20)).rejects.toThrow(/timed out/);
  });
});

describe("cleanWorker, after a page failed", () => {
  const replacement = () => fakeWorker({ serviceWorker: fakeServiceWorker(true) }).worker;

  it("keeps a worker that answers: its tabs closed and the site turned back on", async () => {
    const serviceWorker = fakeServiceWorker(true);
    const { worker, state } = fakeWorker({ serviceWorker });
    const kept = await cleanWorker(worker, () => Promise.resolve(replacement()), 20);
    expect(kept).toBe(worker);
    expect(state.tabsClosed).toBe(2);
    expect(serviceWorker.stored).toEqual([[]]);
  });

  it("starts a new browser when a tab never closes", async () => {
    const { worker, state } = fakeWorker({
      serviceWorker: fakeServiceWorker(true),
      tabsClose: false,
    });
    const next = replacement();
    expect(await cleanWorker(worker, () => Promise.resolve(next), 20)).toBe(next);
    expect(state.browserClosed).toBe(true);
  });

  it("starts a new browser when the old one does not even close", async () => {
    const { worker } = fakeWorker({
      serviceWorker: fakeServiceWorker(false),
      running: [],
      browserCloses: false,
    });
    const next = replacement();
    expect(await cleanWorker(worker, () => Promise.resolve(next), 20)).toBe(next);
  });
});

describe("the sweep's restore check: the page's DOM as it was", () => {
  const page = { html: "<html><body><p>Tim Cook</p></body></html>", textNodes: 1 };

  it("finds nothing when the markup, the text nodes and the adopted stylesheets are the page's", () => {
    expect(
      describeDom({ ...page, adoptedStyleSheets: 1 }, { ...page, adoptedStyleSheets: 1 }),
    ).toBeUndefined();
  });

  it("names a stylesheet of ours left adopted, which no markup shows", () => {
    expect(
      describeDom({ ...page, adoptedStyleSheets: 0 }, { ...page, adoptedStyleSheets: 1 }),
    ).toBe("same markup but 1 adopted stylesheets instead of 0");
  });

  it("names a text node left split", () => {
    expect(
      describeDom(
        { ...page, adoptedStyleSheets: 0 },
        { ...page, textNodes: 2, adoptedStyleSheets: 0 },
      ),
    ).toBe("same markup but 2 text nodes instead of 1");
  });
});
