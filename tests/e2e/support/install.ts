/**
 * Chromium started without the extension, which a test installs while pages are open, as a reader
 * does from the store: Chrome runs no content script in the tabs already open. Playwright's own
 * launch loads extensions only at start, so Chromium is started here with a DevTools port and the
 * `Extensions.loadUnpacked` command allowed (`--enable-unsafe-extension-debugging`), and
 * Playwright connects to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { CHROMIUM_PATH, EXTENSION_DIR, QUIET_CHROMIUM_FLAGS } from "../../../scripts/demo/browser";

/** Chromium writes its DevTools port to the profile within a second or two of starting. */
const DEVTOOLS_PORT_TIMEOUT_MS = 15_000;
const DEVTOOLS_PORT_POLL_MS = 100;
/** A headless Chromium quits in well under a second; past this it is killed. */
const QUIT_TIMEOUT_MS = 5_000;

export interface LaterInstallBrowser {
  /** The browser's own profile, where extensions run (not an incognito-like context). */
  context: BrowserContext;
  /** Installs the built extension; returns its id. */
  installExtension(): Promise<string>;
  close(): Promise<void>;
}

async function devToolsPort(profile: string, chromiumProcess: ChildProcess): Promise<string> {
  const file = join(profile, "DevToolsActivePort");
  const deadline = Date.now() + DEVTOOLS_PORT_TIMEOUT_MS;
  while (!existsSync(file) || readFileSync(file, "utf8").indexOf("\n") < 0) {
    if (chromiumProcess.exitCode !== null) throw new Error("Chromium exited at start.");
    if (Date.now() > deadline) throw new Error("Chromium wrote no DevTools port.");
    await new Promise((resolve) => setTimeout(resolve, DEVTOOLS_PORT_POLL_MS));
  }
  return readFileSync(file, "utf8").split("\n")[0]!;
}

export async function launchWithoutExtension(): Promise<LaterInstallBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "receipts-install-"));
  const chromiumProcess = spawn(
    CHROMIUM_PATH,
    [
      "--headless",
      "--remote-debugging-port=0",
      "--enable-unsafe-extension-debugging",
      `--user-data-dir=${profile}`,
      ...QUIET_CHROMIUM_FLAGS,
      "about:blank",
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
  let browser: Browser;
  try {
    const port = await devToolsPort(profile, chromiumProcess);
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  } catch (error) {
    await stop();
    throw error;
  }
  const [context] = browser.contexts();
  if (!context) {
    await stop();
    throw new Error("Chromium has no default context.");
  }
  return {
    context,
    async installExtension() {
      const session = await browser.newBrowserCDPSession();
      try {
        const { id } = (await session.send("Extensions.loadUnpacked", {
          path: EXTENSION_DIR,
        })) as { id: string };
        return id;
      } finally {
        await session.detach();
      }
    },
    async close() {
      // Asked to quit, Chromium ends its helper processes too; connected, Playwright only leaves.
      const session = await browser.newBrowserCDPSession();
      await Promise.race([
        session.send("Browser.close").then(() => exited),
        new Promise((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS)),
      ]);
      await browser.close();
      await stop();
    },
  };
}
