/**
 * `npm run demo`: builds the extension, serves the demo pages on 127.0.0.1 and opens Chromium with
 * the extension loaded at the index page. Without a display, or with `-- --screenshots DIR`, it
 * runs headless, writes the screenshots in scripts/demo/screenshots.ts and exits.
 *
 *   npm run demo                          # a browser window to try it by hand; Ctrl-C stops it
 *   npm run demo -- --screenshots shots   # PNGs into ./shots, then exit
 *   npm run demo -- --no-build            # reuse .output/chrome-mv3 as it is
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { launchWithExtension, type ExtensionBrowser } from "./demo/browser";
import { SCREENSHOTS, takeScreenshots } from "./demo/screenshots";
import { startStaticServer, type StaticServer } from "./demo/server";
import { writeDemoSite } from "./demo/site";
import { PROJECT_ROOT } from "./paths";

const USAGE = `usage: npm run demo -- [--screenshots DIR] [--no-build]

  --screenshots DIR  headless: write the screenshots into DIR and exit (also without a display,
                     into ./screenshots)
  --no-build         use the extension already built in .output/chrome-mv3`;

/** Where the generated pages go: beside the build, ignored by git. */
const DEMO_SITE_DIR = join(PROJECT_ROOT, ".output/demo-site");
/** Where screenshots go when no display forces headless mode and no folder was given. */
const DEFAULT_SCREENSHOT_DIR = join(PROJECT_ROOT, "screenshots");

interface DemoOptions {
  build: boolean;
  screenshotDir?: string;
}

/** The options, USAGE for --help, or what is wrong with the command line. */
function readOptions(argv: string[]): DemoOptions | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        screenshots: { type: "string" },
        "no-build": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.help) return USAGE;
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const screenshotDir =
    values.screenshots !== undefined
      ? resolve(values.screenshots)
      : hasDisplay
        ? undefined
        : DEFAULT_SCREENSHOT_DIR;
  return {
    build: !values["no-build"],
    ...(screenshotDir === undefined ? {} : { screenshotDir }),
  };
}

function build(): void {
  const result = spawnSync("npm", ["run", "build"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("`npm run build` failed.");
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (options === USAGE) {
    console.log(USAGE);
    return 0;
  }
  if (typeof options === "string") {
    console.error(`demo: ${options}\n${USAGE}`);
    return 2;
  }
  if (options.build) build();

  const site = writeDemoSite(DEMO_SITE_DIR);
  let server: StaticServer | undefined;
  let browser: ExtensionBrowser | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await browser?.close().catch(() => undefined);
      await server?.close().catch(() => undefined);
    })();
    return stopping;
  };
  // Ctrl-C at any point stops the browser and the server before exiting, never leaving either.
  const exitOnSignal = (signal: NodeJS.Signals): void => {
    console.log(`\n${signal}: stopping the browser and the server.`);
    void stop().then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", exitOnSignal);
  process.once("SIGTERM", exitOnSignal);

  try {
    server = await startStaticServer({ root: site.root });
    console.log(`Serving the demo pages from ${site.root}:`);
    for (const path of site.pages) console.log(`  ${server.url}${path}`);

    const headless = options.screenshotDir !== undefined;
    browser = await launchWithExtension({ headless, handleSignals: false });
    console.log(`Extension loaded: chrome-extension://${browser.extensionId}/`);

    if (options.screenshotDir !== undefined) {
      mkdirSync(options.screenshotDir, { recursive: true });
      const results = await takeScreenshots(
        browser,
        server.url,
        options.screenshotDir,
        SCREENSHOTS,
      );
      for (const result of results) {
        console.log(
          result.error ? `FAILED ${result.file}: ${result.error}` : `wrote ${result.file}`,
        );
      }
      return results.some((result) => result.error) ? 1 : 0;
    }

    const [firstTab] = browser.context.pages();
    const page = firstTab ?? (await browser.context.newPage());
    await page.goto(`${server.url}/`);
    console.log("Chromium is open at the index page. Press Ctrl-C (or close the browser) to stop.");
    // Until the person closes the browser; a signal exits through exitOnSignal instead.
    await new Promise<void>((resolveClosed) =>
      browser?.context.once("close", () => resolveClosed()),
    );
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
