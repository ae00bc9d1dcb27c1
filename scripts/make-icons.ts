/**
 * Renders assets/icon.svg to the PNG sizes the manifest needs, with the system's Chromium.
 * Run after changing the SVG: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
 */
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const ICON_SIZES = [16, 32, 48, 128];

const svg = readFileSync("assets/icon.svg", "utf8");
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
    );
    await page.screenshot({ path: `assets/icon-${size}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
