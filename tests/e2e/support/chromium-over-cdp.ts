/**
 * Chromium started by us rather than by Playwright, which connects to it over a DevTools port
 * when the test says, for what Playwright's own launch cannot show:
 *
 * - installing the extension while pages are open, as a reader does from the store (Chrome runs
 *   no content script in the tabs already open): `Extensions.loadUnpacked`, allowed by
 *   `--enable-unsafe-extension-debugging`;
 * - the reader's click on the toolbar button, which opens the real popup and grants it the tab
 *   (activeTab): `Extensions.triggerAction`, on the tab's own target;
 * - the reader's choice of site access ("on click"), made where the reader makes it: the
 *   extensions page's own API (`chrome.developerPrivate`), which only chrome://extensions has;
 * - prerendering (speculation rules, the address bar), which Chromium turns off while DevTools is
 *   attached: the first tab loads before Playwright connects.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import {
  CHROMIUM_PATH,
  chromiumArgs,
  EXTENSION_DIR,
  QUIET_CHROMIUM_FLAGS,
} from "../../../scripts/demo/browser";

/** Chromium writes its DevTools port to the profile within a second or two of starting. */
const DEVTOOLS_PORT_TIMEOUT_MS = 15_000;
const DEVTOOLS_PORT_POLL_MS = 100;
/** A headless Chromium quits in well under a second; past this it is killed. */
const QUIT_TIMEOUT_MS = 5_000;

export interface ChromiumOverCdpOptions {
  /** Load the built extension at start, as Playwright's launch does; else install it later. */
  extensionAtStart?: boolean;
  /** The first tab's address (default about:blank), loaded with no DevTools client attached. */
  startUrl?: string;
}

export interface ChromiumOverCdp {
  /** Connects Playwright (once): the browser's own profile, where extensions run. */
  connect(): Promise<BrowserContext>;
  /** Installs the built extension (after `connect`); returns its id. */
  installExtension(): Promise<string>;
  /** Clicks the extension's toolbar button in the tab showing `url`, as the reader does. */
  clickToolbarButton(extensionId: string, url: string): Promise<void>;
  /** Sets the extension's site access, as its details page does (after `connect`). */
  setSiteAccess(extensionId: string, access: "ON_CLICK" | "ON_ALL_SITES"): Promise<void>;
  close(): Promise<void>;
}

export async function startChromiumOverCdp(
  options: ChromiumOverCdpOptions = {},
): Promise<ChromiumOverCdp> {
  const profile = mkdtempSync(join(tmpdir(), "receipts-cdp-"));
  const chromiumProcess = spawn(
    CHROMIUM_PATH,
    [
      "--headless",
      "--remote-debugging-port=0",
      "--enable-unsafe-extension-debugging",
      `--user-data-dir=${profile}`,
      ...(options.extensionAtStart ? chromiumArgs(EXTENSION_DIR) : QUIET_CHROMIUM_FLAGS),
      options.startUrl ?? "about:blank",
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => chromiumProcess.once("exit", () => resolve()));
  const stop = async () => {
    if (chromiumProcess.exitCode === null) {
      chromiumProcess.kill();
      await exited;
    }
    // Its helper processes may still be writing to the profile for a moment.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };

  const portFile = join(profile, "DevToolsActivePort");
  const deadline = Date.now() + DEVTOOLS_PORT_TIMEOUT_MS;
  while (!existsSync(portFile) || !readFileSync(portFile, "utf8").includes("\n")) {
    if (chromiumProcess.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error("Chromium wrote no DevTools port.");
    }
    await new Promise((resolve) => setTimeout(resolve, DEVTOOLS_PORT_POLL_MS));
  }
  const port = readFileSync(portFile, "utf8").split("\n")[0]!;

  let browser: Browser | null = null;
  const connected = (): Browser => {
    if (!browser) throw new Error("Connect to Chromium first.");
    return browser;
  };
  return {
    async connect() {
      browser ??= await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      const [context] = browser.contexts();
      if (!context) throw new Error("Chromium has no default context.");
      return context;
    },
    async installExtension() {
      const session = await connected().newBrowserCDPSession();
      try {
        const { id } = (await session.send("Extensions.loadUnpacked", {
          path: EXTENSION_DIR,
        })) as { id: string };
        return id;
      } finally {
        await session.detach();
      }
    },
    async clickToolbarButton(extensionId, url) {
      const session = await connected().newBrowserCDPSession();
      try {
        // The action runs on a tab target, not on the page target Playwright works with.
        const { targetInfos } = (await session.send("Target.getTargets", {
          filter: [{ type: "tab" }],
        })) as { targetInfos: { targetId: string; url: string }[] };
        const tab = targetInfos.find((target) => target.url === url);
        if (!tab) throw new Error(`No tab shows ${url}.`);
        await session.send("Extensions.triggerAction", { id: extensionId, targetId: tab.targetId });
      } finally {
        await session.detach();
      }
    },
    async setSiteAccess(extensionId, access) {
      const [context] = connected().contexts();
      const extensionsPage = await context!.newPage();
      try {
        await extensionsPage.goto("chrome://extensions");
        await extensionsPage.evaluate(
          ([id, hostAccess]) =>
            (
              globalThis as unknown as {
                chrome: {
                  developerPrivate: {
                    updateExtensionConfiguration(update: object): Promise<void>;
                  };
                };
              }
            ).chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess }),
          [extensionId, access] as const,
        );
      } finally {
        await extensionsPage.close();
      }
    },
    async close() {
      if (browser) {
        // Asked to quit, Chromium ends its helper processes too; connected, Playwright only
        // leaves.
        const session = await browser.newBrowserCDPSession();
        await Promise.race([
          session.send("Browser.close").then(() => exited),
          new Promise((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS)),
        ]);
        await browser.close();
      }
      await stop();
    },
  };
}
