/**
 * Renders assets/icon.svg to the PNG sizes the manifest needs, with the system's Chromium.
 * Run after changing the SVG: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { QUIET_CHROMIUM_FLAGS } from "./demo/browser";
import { CHROMIUM_PATH, PROJECT_ROOT } from "./paths";

const ICON_SIZES = [16, 32, 48, 128];

const ASSETS_DIR = join(PROJECT_ROOT, "assets");

const svg = readFileSync(join(ASSETS_DIR, "icon.svg"), "utf8");
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...QUIET_CHROMIUM_FLAGS],
});
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
    );
    await page.screenshot({ path: join(ASSETS_DIR, `icon-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
