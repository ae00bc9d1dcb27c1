/**
 * `npm run sweep`: the built extension on every saved page of the corpus (or of --pages DIR),
 * seven checks per page, a JSON report and a summary table. Exits non-zero when a page fails.
 * Method: docs/sweep.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { MatchIndex } from "../lib/dataset/types";
import { CORPUS_PAGES, EXTENSION_DIR, PROJECT_ROOT } from "./paths";
import { USAGE, parseSweepArgs } from "./sweep/args";
import { KNOWN_ISSUES } from "./sweep/known-issues";
import { findPages, readPageList, selectPages } from "./sweep/pages";
import {
  formatProgress,
  afterSecondSweep,
  formatSummary,
  summarize,
  type PageResult,
  type SweepReport,
} from "./sweep/report";
import {
  computeQuality,
  formatQuality,
  labelledPages,
  parseLabels,
  type Label,
} from "./sweep/quality";
import { readPageCandidates } from "./sweep/candidates";
import { startSweep } from "./sweep/runner";

/** Reads a labels file; an error names the file and the line. */
function readLabels(file: string): Label[] {
  try {
    return parseLabels(readFileSync(file, "utf8"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: ${message}`, { cause: error });
  }
}

async function main(): Promise<number> {
  const args = parseSweepArgs(process.argv.slice(2), {
    pagesDir: CORPUS_PAGES,
    report: join(PROJECT_ROOT, "sweep-report.json"),
    extensionDir: EXTENSION_DIR,
    index: join(PROJECT_ROOT, "data/match-index.json"),
    labels: join(PROJECT_ROOT, "tests/fixtures/corpus-labels.tsv"),
  });
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  // --quality scores the labels in Node (same collect + matcher, linkedom): every labelled place
  // is keyed by its text and occurrence in the collected text, which a browser sweep does not
  // record, and the whole corpus takes about a minute instead of hours (docs/sweep.md).
  if (args.quality) {
    const qualityLabels = readLabels(args.labels);
    const scored = readPageCandidates(labelledPages(qualityLabels));
    console.log(
      `Quality against ${args.labels}:\n${formatQuality(computeQuality(qualityLabels, scored))}`,
    );
    return 0;
  }
  const names = args.subset !== undefined ? readPageList(args.subset) : undefined;
  const pages = (() => {
    try {
      return selectPages(findPages(resolve(args.pagesDir)), {
        ...(names === undefined ? {} : { names }),
        ...(args.only === undefined ? {} : { only: args.only }),
        ...(args.limit === undefined ? {} : { limit: args.limit }),
      });
    } catch (error) {
      // Only names from --subset can be missing: say which file listed them, and where we looked.
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${args.subset}: ${message} in ${args.pagesDir}`, { cause: error });
    }
  })();
  if (pages.length === 0) {
    console.error(`No pages to sweep in ${args.pagesDir}`);
    return 1;
  }
  if (args.build) execFileSync("npm", ["run", "build"], { cwd: PROJECT_ROOT, stdio: "inherit" });
  const index = existsSync(args.index)
    ? (JSON.parse(readFileSync(args.index, "utf8")) as MatchIndex)
    : undefined;
  if (!index) console.warn(`No match index at ${args.index}: every mark will fail check 5.`);

  const startedAt = new Date().toISOString();
  const session = await startSweep({
    pagesDir: resolve(args.pagesDir),
    extensionDir: resolve(args.extensionDir),
    index,
    known: KNOWN_ISSUES,
    ...(args.workers === undefined ? {} : { workers: args.workers }),
  });
  console.log(
    `Sweeping ${pages.length} pages from ${args.pagesDir} with ${session.workers} worker(s) at ${session.server.url}`,
  );
  const writeReport = (pagesSoFar: PageResult[], finished: boolean): SweepReport => {
    const report: SweepReport = {
      startedAt,
      finishedAt: finished ? new Date().toISOString() : "",
      pagesDir: resolve(args.pagesDir),
      extensionDir: resolve(args.extensionDir),
      workers: session.workers,
      pages: pagesSoFar,
      summary: summarize(pagesSoFar),
    };
    writeFileSync(args.report, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  };
  let results: PageResult[];
  try {
    // The report grows as pages finish, so a long run that is stopped still leaves its findings.
    const finishedSoFar: PageResult[] = [];
    results = await Promise.all(
      session.schedule(pages).map((promise, at) =>
        promise.then(async (first) => {
          const page = pages[at];
          const result =
            first.status === "fail" && page
              ? afterSecondSweep(first, await (session.schedule([page])[0] as Promise<PageResult>))
              : first;
          finishedSoFar.push(result);
          console.log(formatProgress(result, finishedSoFar.length, pages.length));
          for (const problem of result.problems)
            console.log(`      ${problem.check}: ${problem.what.slice(0, 300)}`);
          writeReport(finishedSoFar, false);
          return result;
        }),
      ),
    );
  } finally {
    await session.close();
  }
  const { summary } = writeReport(results, true);
  console.log(`\n${formatSummary(results, summary)}\n\nReport: ${args.report}`);
  return summary.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
