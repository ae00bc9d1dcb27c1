/**
 * npm run bench:compare -- --base REV [--sample N] [--rounds N] [--only NAME[,NAME...]]
 *
 * Old code against new in the same page: the bench's in-page script is bundled twice, from
 * revision REV (a `git archive` of it, in a temporary folder) and from the working tree, both
 * are loaded in each corpus page, and their page passes are timed alternately, round by round,
 * beside the floor. Two runs of the bench on the same code differ by 10 to 30 % on this kind of
 * machine; alternating in one page is what can tell a 10 % change from noise. Prints one line
 * per page (floor, base, head, head/base) and the median of head/base. Method:
 * docs/performance.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { MatchIndex } from "../lib/dataset/types";
import { isSelected } from "./bench/args";
import { bundlePageScript } from "./bench/bundle";
import { readCorpus, spreadOverSize } from "./bench/corpus";
import { CHROMIUM_PATH, PROJECT_ROOT } from "./paths";
import type { Sample } from "./bench/page-entry";
import { startBenchServer } from "./bench/server";
import { median, round } from "./bench/stats";
import { runCommand } from "./command";
import { QUIET_CHROMIUM_FLAGS } from "./demo/browser";

const USAGE =
  "usage: npm run bench:compare -- --base REV [--sample N] [--rounds N] [--only NAME[,NAME...]]";
/** Pages when neither --sample nor --only says: spread over size, as the bench's --sample. */
const DEFAULT_SAMPLE = 30;
/** Rounds per page; each round times base and head once each, in alternating order. */
const DEFAULT_ROUNDS = 6;
/** Passes per timed sample at most (as the bench: repeated until 4 ms, each after a collection). */
const MAX_REPEATS = 20;

interface CompareOptions {
  base: string;
  sample: number;
  rounds: number;
  only?: string;
}

/** The options, USAGE for --help, or what is wrong with the command line. */
function parseArguments(argv: readonly string[]): CompareOptions | string {
  const options: Partial<CompareOptions> = { sample: DEFAULT_SAMPLE, rounds: DEFAULT_ROUNDS };
  for (let position = 0; position < argv.length; position += 2) {
    const [flag, value] = [argv[position], argv[position + 1]];
    if (flag === "--help" || flag === "-h") return USAGE;
    if (!["--base", "--only", "--sample", "--rounds"].includes(flag ?? ""))
      return `unknown option ${flag}`;
    if (value === undefined) return `${flag} needs a value`;
    if (flag === "--base") options.base = value;
    else if (flag === "--only") options.only = value;
    else {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1) return `${flag} needs a positive integer`;
      options[flag === "--sample" ? "sample" : "rounds"] = number;
    }
  }
  return options.base ? (options as CompareOptions) : "--base REV is required";
}

/** REV's files in a temporary folder, with the project's node_modules beside them. */
function checkOut(revision: string): string {
  const folder = mkdtempSync(join(tmpdir(), "receipts-base-"));
  const archive = execFileSync("git", ["archive", "--format=tar", revision], {
    cwd: PROJECT_ROOT,
    maxBuffer: 1 << 30,
  });
  execFileSync("tar", ["-x", "-C", folder], { input: archive });
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(folder, "node_modules"), "dir");
  return folder;
}

const call = (api: string, method: string, ...args: unknown[]) =>
  `window.${api}.${method}(${args.map((argument) => JSON.stringify(argument)).join(",")})`;

async function run(options: CompareOptions): Promise<void> {
  const baseTree = checkOut(options.base);
  const server = await startBenchServer(new Map());
  // Each closed whatever fails after it starts, or the process never exits.
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...QUIET_CHROMIUM_FLAGS, "--js-flags=--expose-gc"],
    });
    try {
      const readIndex = (root: string) =>
        JSON.parse(readFileSync(join(root, "data/match-index.json"), "utf8")) as MatchIndex;
      const sides = [
        {
          api: "__receiptsBase",
          bundle: await bundlePageScript(baseTree),
          index: readIndex(baseTree),
        },
        { api: "__receiptsHead", bundle: await bundlePageScript(), index: readIndex(PROJECT_ROOT) },
      ];
      let pages = readCorpus();
      if (options.only) pages = pages.filter((page) => isSelected(page.name, options.only));
      else pages = spreadOverSize(pages, options.sample);
      const context = await browser.newContext();
      await context.route("**/*", (route) =>
        route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
      );
      const ratios: number[] = [];
      console.log(["page", "floor ms", "base ms", "head ms", "head/base"].join("\t"));
      for (const corpusPage of pages) {
        const page = await context.newPage();
        await page.goto(server.corpusUrl(corpusPage.path), { waitUntil: "load" });
        for (const side of sides) {
          // Each bundle installs window.__receiptsBench; keep each under its own name.
          await page.evaluate(`${side.bundle};window.${side.api}=window.__receiptsBench;`);
          await page.evaluate(call(side.api, "loadIndex", "dataset", side.index));
          await page.evaluate(call(side.api, "sample", "ours", 1)); // warm-up, not counted
        }
        const times = { floor: [] as number[], base: [] as number[], head: [] as number[] };
        for (let round = 0; round < options.rounds; round += 1) {
          // Alternate which side goes first, so neither always follows the other.
          const order = round % 2 === 0 ? sides : [...sides].reverse();
          for (const side of order) {
            const sample = (await page.evaluate(
              call(side.api, "sample", "ours", MAX_REPEATS),
            )) as Sample;
            (side === sides[0] ? times.base : times.head).push(sample.ms);
          }
          const floor = (await page.evaluate(
            call("__receiptsHead", "sample", "floor", MAX_REPEATS),
          )) as Sample;
          times.floor.push(floor.ms);
        }
        await page.close();
        const [floor, base, head] = [median(times.floor), median(times.base), median(times.head)];
        ratios.push(head / base);
        console.log(
          [
            corpusPage.name,
            round(floor, 3),
            round(base, 3),
            round(head, 3),
            round(head / base),
          ].join("\t"),
        );
      }
      console.log(`median head/base over ${ratios.length} pages: ${round(median(ratios))}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
    rmSync(baseTree, { recursive: true, force: true });
  }
}

runCommand("bench:compare", USAGE, parseArguments(process.argv.slice(2)), async (options) => {
  await run(options);
  return 0;
});
