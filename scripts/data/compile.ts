/**
 * `npm run data`: compiles data/*.yaml and data/articles/ into data/dataset.json and
 * data/match-index.json. Prints every error and exits 1 on any. `--report` also prints counts.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileDataset, serializeJson } from "../../lib/dataset/compile";
import { buildMatchIndex } from "../../lib/dataset/match-index";
import { buildReport, formatReport } from "../../lib/dataset/report";
import { runCommand } from "../command";
import { loadArticles, loadCuratedFiles } from "./load";

const USAGE = "usage: npm run data [-- --report]";

/** The options, USAGE for --help, or what is wrong with the command line. */
function parseArguments(argv: readonly string[]): { report: boolean } | string {
  if (argv.includes("--help") || argv.includes("-h")) return USAGE;
  const unknown = argv.find((argument) => argument !== "--report");
  return unknown === undefined
    ? { report: argv.includes("--report") }
    : `unknown option ${unknown}`;
}

function main({ report }: { report: boolean }): number {
  const dataDir = join(dirname(fileURLToPath(import.meta.url)), "../../data");
  const result = compileDataset(loadCuratedFiles(dataDir), loadArticles(dataDir));
  if (!result.ok) {
    for (const error of result.errors) console.error(error);
    console.error(`\n${result.errors.length} error(s); data/dataset.json was not written.`);
    return 1;
  }
  writeFileSync(join(dataDir, "dataset.json"), serializeJson(result.dataset));
  writeFileSync(join(dataDir, "match-index.json"), serializeJson(buildMatchIndex(result.dataset)));
  if (report) process.stdout.write(formatReport(buildReport(result.dataset)));
  console.log("data/dataset.json and data/match-index.json written.");
  return 0;
}

runCommand("data", USAGE, parseArguments(process.argv.slice(2)), main);
