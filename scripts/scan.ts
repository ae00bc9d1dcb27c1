/**
 * npm run scan -- [--json] [--index FILE] FILE...
 *
 * Runs the content script's collect and matcher over saved HTML pages in Node (linkedom), and
 * prints what would be marked. Offsets are into the page's collected text (see lib/scan/format).
 * An unreadable file is reported on stderr; the others are still scanned; the exit status is 1
 * only then (2 for bad usage or an unreadable index; 0 for --help).
 */
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import type { MatchIndex } from "../lib/dataset/types";
import { collectText } from "../lib/dom/collect";
import { compileMatcher, findMatches } from "../lib/matching";
import { runCommand } from "./command";
import { describeMatches, formatJson, formatText, type ScanFileResult } from "../lib/scan/format";

const DEFAULT_INDEX = "data/match-index.json";
const USAGE = "usage: npm run scan -- [--json] [--index match-index.json] FILE...";

interface Arguments {
  json: boolean;
  index: string;
  files: string[];
}

function parseArguments(argv: readonly string[]): Arguments | string {
  const parsed: Arguments = { json: false, index: DEFAULT_INDEX, files: [] };
  for (let position = 0; position < argv.length; position += 1) {
    const argument = argv[position] ?? "";
    if (argument === "--json") parsed.json = true;
    else if (argument === "--index") {
      const value = argv[position + 1];
      if (!value) return "--index needs a file";
      parsed.index = value;
      position += 1;
    } else if (argument === "--help" || argument === "-h") return USAGE;
    else if (argument.startsWith("--")) return `unknown option ${argument}`;
    else parsed.files.push(argument);
  }
  return parsed.files.length > 0 ? parsed : "no files given";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function main(parsed: Arguments): number {
  let index: MatchIndex;
  try {
    index = JSON.parse(readFileSync(parsed.index, "utf8")) as MatchIndex;
  } catch (error) {
    process.stderr.write(
      `scan: cannot read the match index ${parsed.index}: ${errorMessage(error)}\n`,
    );
    return 2;
  }
  const matcher = compileMatcher(index);
  const names = new Map(index.entities.map((entity) => [entity.id, entity.name]));

  const results: ScanFileResult[] = [];
  let failed = false;
  for (const file of parsed.files) {
    let html: string;
    try {
      html = readFileSync(file, "utf8");
    } catch (error) {
      process.stderr.write(`scan: cannot read ${file}: ${errorMessage(error)}\n`);
      failed = true;
      continue;
    }
    const { document } = parseHTML(html);
    const { segments } = collectText(document as unknown as Document);
    const matches = findMatches(matcher, segments);
    results.push({ file, matches: describeMatches(segments, matches, names) });
  }
  process.stdout.write(parsed.json ? formatJson(results) : formatText(results));
  return failed ? 1 : 0;
}

runCommand("scan", USAGE, parseArguments(process.argv.slice(2)), main);
