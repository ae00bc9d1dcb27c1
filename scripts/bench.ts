/**
 * npm run bench -- [--json] [--pages N | --sample N] [--rounds N] [--only NAME[,NAME...]]
 *                  [--no-build] [--quick] [--chart FILE]
 *
 * Measures the content script's page pass in real Chromium against a floor (one TreeWalker read
 * of the text), a search (the text read and the names' patterns run over it, nothing marked) and
 * the naive way (mark.js once per name), on the corpus pages, a huge synthetic article and a live
 * page; then loads the built extension itself (its measuring build, which times its own tasks) to
 * record its longest main-thread task and its time to the first mark. Method and figures:
 * docs/performance.md.
 * Progress goes to stderr; stdout gets the table, or with --json one JSON document.
 */
import { QUIET_CHROMIUM_FLAGS } from "./demo/browser";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { MatchIndex } from "../lib/dataset/types";
import { isSelected, parseArguments, USAGE, type BenchOptions } from "./bench/args";
import { bundlePageScript } from "./bench/bundle";
import { readCorpus, spreadOverSize, type CorpusPage } from "./bench/corpus";
import {
  measureLivePage,
  measurePage,
  recordTasks,
  TASK_RECORDER_SCRIPT,
  type PageMeasurement,
  type PageSetup,
  type TaskRecord,
} from "./bench/measure";
import { runCommand } from "./command";
import { contentScriptGzipBytes } from "./content-script-size";
import { CHROMIUM_PATH, MEASURING_EXTENSION_DIR, PROJECT_ROOT } from "./paths";
import { chartSvg, formatTable, summarize, toJson, type BenchResults } from "./bench/report";
import { blockOtherRequests, startBenchServer } from "./bench/server";
import {
  HUGE_ARTICLE,
  hugeArticleHtml,
  LIVE_PAGE,
  livePageHtml,
  scaledIndex,
} from "./bench/synthetic";

/** Lets the in-page bench collect garbage between samples (see page-entry.ts). */
const EXPOSE_GC_FLAG = "--js-flags=--expose-gc";
const NAMES_FACTOR = 100;
/** The extension run covers the biggest pages (where long tasks come from) and the most-named. */
const EXTENSION_LARGEST_PAGES = 8;
const EXTENSION_MOST_NAMED_PAGES = 8;
/**
 * The naive way takes seconds a page (50 to 200 times our pass), so it runs on this many
 * corpus pages spread evenly over page size, not on all 373: the whole bench has ten minutes.
 */
const NAIVE_SAMPLE_PAGES = 24;
/** --quick: small synthetic pages, so the e2e test of the bench itself stays short. */
const QUICK_HUGE_PARAGRAPHS = 400;
const QUICK_LIVE_BATCHES = 10;

const log = (message: string): void => void process.stderr.write(`${message}\n`);

function selectCorpus(options: BenchOptions): CorpusPage[] {
  let pages = readCorpus();
  if (options.only) pages = pages.filter((page) => isSelected(page.name, options.only));
  if (options.sample !== undefined) return spreadOverSize(pages, options.sample);
  return options.pages === undefined ? pages : pages.slice(0, options.pages);
}

function extensionPages(pages: readonly CorpusPage[]): CorpusPage[] {
  const bySize = [...pages].sort((a, b) => b.visibleTextNodes - a.visibleTextNodes);
  const byMentions = [...pages].sort((a, b) => b.mentions - a.mentions);
  const chosen = new Set([
    ...bySize.slice(0, EXTENSION_LARGEST_PAGES),
    ...byMentions.slice(0, EXTENSION_MOST_NAMED_PAGES).filter((page) => page.mentions > 0),
  ]);
  return [...chosen];
}

/** Every request that is not to our loopback server is refused. */
function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

async function run(options: BenchOptions): Promise<number> {
  const started = Date.now();
  if (options.build) {
    // The store build for the content script's size, the measuring build for its tasks.
    log("bench: building the extension (npm run build, npm run build:measure)…");
    for (const script of ["build", "build:measure"]) {
      execFileSync("npm", ["run", script], { cwd: PROJECT_ROOT, stdio: ["ignore", 2, 2] });
    }
  }
  const index = JSON.parse(
    readFileSync(join(PROJECT_ROOT, "data/match-index.json"), "utf8"),
  ) as MatchIndex;
  const setup: PageSetup = {
    bundle: await bundlePageScript(),
    index,
    scaledIndex: scaledIndex(index, NAMES_FACTOR),
  };
  const wants = (name: string) => isSelected(`synthetic/${name}`, options.only);
  const corpus = selectCorpus(options);
  const hugeOptions = options.quick
    ? { ...HUGE_ARTICLE, paragraphs: QUICK_HUGE_PARAGRAPHS }
    : HUGE_ARTICLE;
  const liveOptions = options.quick ? { ...LIVE_PAGE, batches: QUICK_LIVE_BATCHES } : LIVE_PAGE;
  const synthetic = new Map<string, string>();
  if (wants("huge")) synthetic.set("huge.html", hugeArticleHtml(index, hugeOptions));
  if (wants("live")) synthetic.set("live.html", livePageHtml(index, liveOptions));
  const results: BenchResults = {
    corpus: [],
    huge: null,
    live: null,
    tasks: [],
    pageOwnTasks: [],
    contentScriptGzipBytes: contentScriptGzipBytes(),
  };
  const server = await startBenchServer(synthetic);
  // Closed whatever fails after it starts, or the process never exits.
  try {
    const targets: { name: string; url: string; live: boolean }[] = extensionPages(corpus).map(
      (page) => ({ name: page.name, url: server.corpusUrl(page.path), live: false }),
    );
    if (synthetic.has("huge.html")) {
      targets.push({ name: "synthetic/huge", url: server.syntheticUrl("huge.html"), live: false });
    }
    if (synthetic.has("live.html")) {
      targets.push({ name: "synthetic/live", url: server.syntheticUrl("live.html"), live: true });
    }

    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...QUIET_CHROMIUM_FLAGS, EXPOSE_GC_FLAG],
    });
    try {
      const context = await browser.newContext();
      await blockOtherRequests(context, server);
      const withNaive = new Set(spreadOverSize(corpus, NAIVE_SAMPLE_PAGES));
      for (const [position, page] of corpus.entries()) {
        const measured = await measurePage(
          context,
          page.name,
          server.corpusUrl(page.path),
          setup,
          options.rounds,
          withNaive.has(page),
        );
        results.corpus.push(measured);
        log(
          `bench: ${Math.round((Date.now() - started) / 1000)} s [${position + 1}/${corpus.length}] ${page.name}: floor ${measured.floorMs?.toFixed(2)} ms, ` +
            `search ${measured.searchMs?.toFixed(2)} ms, ours ${measured.oursMs?.toFixed(2)} ms, naive ${measured.naiveMs?.toFixed(1)} ms` +
            (measured.error ? ` (${measured.error})` : ""),
        );
      }
      if (synthetic.has("huge.html")) {
        log(`bench: huge synthetic article (${hugeOptions.paragraphs} paragraphs)…`);
        results.huge = await measurePage(
          context,
          "synthetic/huge",
          server.syntheticUrl("huge.html"),
          setup,
          1,
          true,
        );
        log(`bench: huge: ${JSON.stringify(results.huge)}`);
      }
      if (synthetic.has("live.html")) {
        log(`bench: live page (${liveOptions.batches} batches)…`);
        const durationMs = liveOptions.batches * liveOptions.intervalMs;
        results.live = await measureLivePage(
          context,
          server.syntheticUrl("live.html"),
          setup,
          durationMs,
        );
        log(
          `bench: live: ${results.live.batches.length} batches, first ${results.live.firstPerParagraphMs} ms/paragraph, ` +
            `last ${results.live.lastPerParagraphMs} ms/paragraph${results.live.error ? ` (${results.live.error})` : ""}`,
        );
      }
      await context.close();

      // The same pages without the extension: the long tasks the page causes by itself.
      const control = await browser.newContext();
      await blockOtherRequests(control, server);
      await control.addInitScript(TASK_RECORDER_SCRIPT);
      for (const target of targets) {
        results.pageOwnTasks.push(await recordTasks(control, target.name, target.url, target.live));
      }
      await control.close();
    } finally {
      await browser.close();
    }

    log("bench: the built extension itself (long tasks, first mark)…");
    const extension = await chromium.launchPersistentContext("", {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        `--disable-extensions-except=${MEASURING_EXTENSION_DIR}`,
        `--load-extension=${MEASURING_EXTENSION_DIR}`,
        ...QUIET_CHROMIUM_FLAGS,
      ],
    });
    try {
      await blockOtherRequests(extension, server);
      await extension.addInitScript(TASK_RECORDER_SCRIPT);
      for (const target of targets) {
        const record: TaskRecord = await recordTasks(
          extension,
          target.name,
          target.url,
          target.live,
        );
        results.tasks.push(record);
        log(
          `bench: extension on ${target.name}: its longest task ${record.ownLongestTaskMs} ms ` +
            `(starting it: ${record.startupTaskMs ?? "under 50"} ms), ` +
            `the page's ${record.longestTaskMs} ms, ` +
            `first mark ${record.firstMarkMs} ms${record.error ? ` (${record.error})` : ""}`,
        );
      }
    } finally {
      await extension.close();
    }
  } finally {
    await server.close();
  }

  const summary = summarize(results);
  const meta = {
    chromium: chromiumVersion(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    rounds: options.rounds,
    quick: options.quick,
    seconds: Math.round((Date.now() - started) / 1000),
    aliases: new Set(index.entities.flatMap((entity) => entity.aliases.map((a) => a.text))).size,
    entities: index.entities.length,
    entitiesX100: setup.scaledIndex.entities.length,
  };
  if (options.chart) {
    const pages: PageMeasurement[] = [...results.corpus, ...(results.huge ? [results.huge] : [])];
    writeFileSync(
      options.chart,
      chartSvg(pages, `Receipts page pass vs floor and naive, ${meta.chromium}`),
    );
    log(`bench: chart written to ${options.chart}`);
  }
  process.stdout.write(
    options.json ? `${toJson(summary, results, meta)}\n` : formatTable(summary, results),
  );
  log(`bench: done in ${meta.seconds} s`);
  return 0;
}

runCommand("bench", USAGE, parseArguments(process.argv.slice(2)), run);
