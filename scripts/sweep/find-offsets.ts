/**
 * Helps write quality labels: prints every place a text occurs on a saved page as the sweep sees
 * it (offset into `document.body.textContent` after load, same frozen clock and network rule),
 * with context, as a label row to complete.
 *
 *   npx tsx scripts/sweep/find-offsets.ts readability/aclu "Mark Zuckerberg" Google
 */
import { startStaticServer } from "../demo/server";
import { CORPUS_PAGES } from "../paths";
import { PAGE_TIMERS_MS, VIEWPORT, launchPlain, prepareContext } from "./browser";
import { findPages, selectPages } from "./pages";

const CONTEXT_CHARS = 60;

async function main(): Promise<void> {
  const [pageName, ...texts] = process.argv.slice(2);
  if (!pageName || texts.length === 0) throw new Error("usage: find-offsets.ts PAGE TEXT...");
  const pagesDir = CORPUS_PAGES;
  const [saved] = selectPages(findPages(pagesDir), { names: [pageName] });
  const server = await startStaticServer({ root: pagesDir });
  const browser = await launchPlain();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await prepareContext(context, server.url, { blocked: 0, blockedUrls: [] });
    const page = await context.newPage();
    await page.goto(`${server.url}${saved?.urlPath ?? ""}`);
    await context.clock.runFor(PAGE_TIMERS_MS);
    const body = (await page.evaluate("document.body.textContent")) as string;
    for (const text of texts) {
      for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) {
        const around = body.slice(
          Math.max(0, at - CONTEXT_CHARS),
          at + text.length + CONTEXT_CHARS,
        );
        console.log(
          `${pageName}\t${at}\t${text}\t<entity>\t<yes|no>\t${JSON.stringify(around.replace(/\s+/g, " "))}`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
