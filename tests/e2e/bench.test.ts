/**
 * The bench itself runs: two corpus pages, one round, small synthetic pages, the extension the
 * global setup built. It checks that every summary key comes out as a finite number, never the
 * figures themselves (timings belong in docs/performance.md, not in assertions).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { recordTasks, TASK_RECORDER_SCRIPT, type TaskRecord } from "../../scripts/bench/measure";
import { SUMMARY_KEYS } from "../../scripts/bench/report";
import { blockOtherRequests, startBenchServer } from "../../scripts/bench/server";
import { QUIET_CHROMIUM_FLAGS } from "../../scripts/demo/browser";
import { CHROMIUM_PATH, PROJECT_ROOT } from "../../scripts/paths";

const run = promisify(execFile);

/**
 * Two small pages and the quick synthetic pages take under a minute on an idle machine, but over
 * four minutes on two cores shared with other test runs.
 */
const BENCH_TIMEOUT_MS = 600_000;

/** Runs one of the bench scripts with tsx from the project root; its standard output. */
async function runScript(script: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run("npx", ["tsx", script, ...args], {
    cwd: PROJECT_ROOT,
    maxBuffer: 64 * 1024 * 1024,
    timeout: BENCH_TIMEOUT_MS,
  });
  return stdout;
}

/**
 * What the comparing scripts print: a tab-separated row per page, its figures each a positive
 * number, and last the median line.
 */
function expectPageRowAndMedian(
  stdout: string,
  page: string,
  figureCount: number,
  medianLine: RegExp,
): void {
  const lines = stdout.trim().split("\n");
  const row = lines.find((line) => line.startsWith(`${page}\t`));
  expect(row, stdout).toBeDefined();
  const figures = (row ?? "").split("\t").slice(1).map(Number);
  expect(figures).toHaveLength(figureCount);
  for (const figure of figures) expect(Number.isFinite(figure) && figure > 0, row).toBe(true);
  expect(lines.at(-1)).toMatch(medianLine);
}

describe("npm run bench", () => {
  it(
    "runs on two pages and prints one JSON document with every summary key",
    async () => {
      const stdout = await runScript("scripts/bench.ts", [
        "--json",
        "--no-build",
        "--pages",
        "2",
        "--rounds",
        "1",
        "--quick",
      ]);
      const report = JSON.parse(stdout) as Record<string, unknown>;
      expect(report.pages).toBe(2);
      for (const key of SUMMARY_KEYS) {
        const value = report[key];
        expect(typeof value, key).toBe("number");
        expect(Number.isFinite(value), key).toBe(true);
      }
      // The content script timed its own tasks on every page the extension phase opened.
      const details = report.details as {
        tasks: { name: string; ownLongestTaskMs: unknown; startedAtMs: unknown }[];
      };
      expect(details.tasks.length).toBeGreaterThan(0);
      for (const task of details.tasks) {
        expect(typeof task.ownLongestTaskMs, task.name).toBe("number");
        // And wrote when it started, so the task that evaluated it is counted as ours.
        expect(typeof task.startedAtMs, task.name).toBe("number");
      }
    },
    BENCH_TIMEOUT_MS,
  );
});

describe("npm run bench:compare", () => {
  it(
    "times the page pass of a revision and of the working tree in the same page",
    async () => {
      const stdout = await runScript("scripts/bench-compare.ts", [
        "--base",
        "HEAD",
        "--only",
        "readability/001",
        "--rounds",
        "1",
      ]);
      expectPageRowAndMedian(stdout, "readability/001", 4, /^median head\/base over 1 pages: \d/);
    },
    BENCH_TIMEOUT_MS,
  );
});

describe("npm run bench:startup", () => {
  it(
    "times the extension's start on a page with its stored sieve and without one",
    async () => {
      const stdout = await runScript("scripts/bench-startup.ts", [
        "--only",
        "readability/001",
        "--rounds",
        "1",
      ]);
      expectPageRowAndMedian(stdout, "readability/001", 3, /^median stored\/none over 1 pages: \d/);
    },
    BENCH_TIMEOUT_MS,
  );
});

/**
 * A page whose own policy forbids eval (as readability/toc-missing's does), and whose script adds a
 * mark after it loads, as the content script would.
 */
const NO_EVAL_PAGE =
  "<!doctype html><html><head><title>No eval</title>" +
  `<meta http-equiv="Content-Security-Policy" content="script-src 'unsafe-inline'">` +
  "</head><body><p>A page that forbids eval.</p><script>addEventListener('load', () => " +
  "setTimeout(() => document.body.append(document.createElement('receipts-mark')), 50));" +
  "</script></body></html>";

/** A page that is never quiet: a 60 ms task of its own every 300 ms. */
const RESTLESS_PAGE =
  "<!doctype html><html><head><title>Restless</title></head><body><p>Busy.</p><script>" +
  "setInterval(() => { const t = performance.now(); while (performance.now() - t < 60); }, 300);" +
  "</script></body></html>";

/** The bench's task record of each page (served by the bench's server), in plain Chromium. */
async function recordPages(pages: ReadonlyMap<string, string>): Promise<TaskRecord[]> {
  const server = await startBenchServer(pages);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...QUIET_CHROMIUM_FLAGS],
  });
  try {
    const context = await browser.newContext();
    await blockOtherRequests(context, server);
    await context.addInitScript(TASK_RECORDER_SCRIPT);
    const records: TaskRecord[] = [];
    for (const name of pages.keys()) {
      records.push(await recordTasks(context, name, server.syntheticUrl(name), false));
    }
    return records;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The settle wait's cap (30 s) and the page's own reading. */
const RESTLESS_TIMEOUT_MS = 90_000;

describe("the bench's task record", () => {
  it("waits until a page that forbids eval is quiet, and notes its first mark", async () => {
    const [record] = await recordPages(new Map([["no-eval.html", NO_EVAL_PAGE]]));
    expect(record?.error).toBeUndefined();
    expect(record?.marks).toBe(1);
    expect(record?.firstMarkMs).toBeGreaterThan(0);
  });

  it(
    "reads a page that never goes quiet once the wait gives up, not as one long task",
    async () => {
      const [record] = await recordPages(new Map([["restless.html", RESTLESS_PAGE]]));
      expect(record?.error).toBe("quiet not within 30000 ms");
      // Its own tasks, about 60 ms each: the record was read, not replaced by the cap.
      expect(record?.longestTaskMs).toBeGreaterThanOrEqual(50);
      expect(record?.longestTaskMs).toBeLessThan(1_000);
    },
    RESTLESS_TIMEOUT_MS,
  );
});
