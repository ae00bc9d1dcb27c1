/**
 * The CI part of `npm run sweep`: the built extension on the pages of
 * tests/fixtures/sweep-subset.txt (and on every page with a known issue), one test per page, plus
 * proof that the checks catch a broken extension. The full sweep is `npm run sweep`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchIndex } from "../../lib/dataset/types";
import { CORPUS_PAGES, EXTENSION_DIR, PROJECT_ROOT } from "../../scripts/paths";
import { KNOWN_ISSUES } from "../../scripts/sweep/known-issues";
import { findPages, readPageList, selectPages } from "../../scripts/sweep/pages";
import {
  afterSecondSweep,
  formatSummary,
  summarize,
  type PageResult,
} from "../../scripts/sweep/report";
import { startSweep, type SweepSession } from "../../scripts/sweep/runner";

const SUBSET_FILE = join(PROJECT_ROOT, "tests/fixtures/sweep-subset.txt");
const INDEX_FILE = join(PROJECT_ROOT, "data/match-index.json");
const REPORT_FILE = join(PROJECT_ROOT, "test-results/sweep-subset-report.json");
/** A page waits for the pages queued before it on two workers; the slowest take ~40 s each. */
const PAGE_TEST_TIMEOUT_MS = 240_000;

const subset = [
  ...new Set([...readPageList(SUBSET_FILE), ...KNOWN_ISSUES.map((issue) => issue.page)]),
];

describe("sweep of the CI subset of real saved pages", () => {
  let session: SweepSession;
  const results = new Map<string, Promise<PageResult>>();

  beforeAll(async () => {
    if (!existsSync(CORPUS_PAGES)) {
      throw new Error(`The corpus is missing: expected it at ${CORPUS_PAGES} (beside the repo).`);
    }
    const pages = selectPages(findPages(CORPUS_PAGES), { names: subset });
    const index = JSON.parse(readFileSync(INDEX_FILE, "utf8")) as MatchIndex;
    session = await startSweep({
      pagesDir: CORPUS_PAGES,
      extensionDir: EXTENSION_DIR,
      index,
      known: KNOWN_ISSUES,
    });
    session.schedule(pages).forEach((promise, at) => results.set(pages[at]?.name ?? "", promise));
  });

  afterAll(async () => {
    const done = await Promise.all(results.values());
    await session?.close();
    mkdirSync(join(PROJECT_ROOT, "test-results"), { recursive: true });
    writeFileSync(
      REPORT_FILE,
      `${JSON.stringify({ pages: done, summary: summarize(done) }, null, 2)}\n`,
    );
    console.log(formatSummary(done, summarize(done)));
  });

  it("covers at least 60 pages", () => {
    expect(subset.length).toBeGreaterThanOrEqual(60);
  });

  it.each(subset)("%s passes every check", { timeout: 2 * PAGE_TEST_TIMEOUT_MS }, async (name) => {
    let result = await results.get(name);
    const unexpectedIn = (page: PageResult | undefined) =>
      page?.problems.filter((problem) => !problem.known) ?? ["no result"];
    if (unexpectedIn(result).length > 0) {
      // A failure must repeat before it counts, as in `npm run sweep` (see afterSecondSweep).
      const page = selectPages(findPages(CORPUS_PAGES), { names: [name] });
      const second = await session.schedule(page)[0];
      if (result && second) result = afterSecondSweep(result, second);
    }
    const unexpected = unexpectedIn(result);
    expect(unexpected).toEqual([]);
    const known = KNOWN_ISSUES.filter((issue) => issue.page === name && !issue.intermittent);
    for (const issue of known) {
      // A known issue must still be there; when it is fixed, remove it from known-issues.ts.
      expect(result?.problems.some((problem) => problem.check === issue.check)).toBe(true);
    }
  });
});

/**
 * A deliberately broken extension: it changes the text it marks, marks inside <code> and inside
 * its own marks, marks a word that is no name, logs an error, and ignores being turned off.
 */
const BROKEN_CONTENT_SCRIPT = `
(() => {
  const wrap = (node, start, length, entity, how) => {
    const name = node.splitText(start);
    name.splitText(length);
    const mark = document.createElement("receipts-mark");
    mark.setAttribute("data-receipts-entity", entity);
    mark.setAttribute("data-receipts-how", how);
    name.replaceWith(mark);
    mark.append(name);
    return mark;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) texts.push(walker.currentNode);
  for (const text of texts) {
    const at = text.data.indexOf("Tim Cook");
    if (at >= 0) {
      const mark = wrap(text, at, 8, "tim-cook", "full");
      mark.firstChild.data = "Tim Cook*";
      wrap(mark.firstChild, 0, 3, "tim-cook", "full");
    }
    const word = text.data.indexOf("banana");
    if (word >= 0) wrap(text, word, 6, "tim-cook", "full");
  }
  console.error("broken extension: something went wrong");
})();
`;

const BROKEN_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Broken</title></head>
<body><p>Apple's CEO Tim Cook spoke on Monday.</p><pre><code>print("Tim Cook")</code></pre>
<p>A banana is not a name.</p><p><a href="/elsewhere.html">Tim Cook</a></p></body></html>`;

describe("the sweep's checks", () => {
  let root: string;
  let result: PageResult;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "receipts-sweep-broken-"));
    const extension = join(root, "extension");
    const pages = join(root, "pages");
    mkdirSync(extension);
    mkdirSync(pages);
    writeFileSync(
      join(extension, "manifest.json"),
      JSON.stringify({
        manifest_version: 3,
        name: "Broken stand-in",
        version: "0.0.1",
        permissions: ["storage"],
        background: { service_worker: "background.js" },
        content_scripts: [{ matches: ["http://*/*"], js: ["content.js"], run_at: "document_idle" }],
      }),
    );
    writeFileSync(join(extension, "background.js"), "// nothing to do\n");
    writeFileSync(join(extension, "content.js"), BROKEN_CONTENT_SCRIPT);
    writeFileSync(join(pages, "broken.html"), BROKEN_PAGE);
    const index = JSON.parse(readFileSync(INDEX_FILE, "utf8")) as MatchIndex;
    const session = await startSweep({
      pagesDir: pages,
      extensionDir: extension,
      index,
      workers: 1,
    });
    try {
      const [promise] = session.schedule(findPages(pages));
      result = (await promise) as PageResult;
    } finally {
      await session.close();
    }
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("fail a broken extension on every check it breaks", () => {
    const failed = new Set(result.problems.map((problem) => problem.check));
    expect(result.status).toBe("fail");
    for (const check of ["errors", "text", "placement", "names", "restore"] as const) {
      expect(failed, `${check} should fail: ${JSON.stringify(result.problems)}`).toContain(check);
    }
    const whats = result.problems.map((problem) => problem.what).join("\n");
    expect(whats).toContain("broken extension: something went wrong");
    expect(whats).toMatch(/in excluded regions: "Tim Cook\*" in code/);
    expect(whats).toMatch(/inside another mark/);
    expect(whats).toMatch(/"banana" marked as tim-cook/);
    expect(whats).toMatch(/marks still there/);
  });
});
