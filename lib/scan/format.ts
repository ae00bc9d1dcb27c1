import type { EntityId, MatchHow } from "../dataset/types";
import { collapseWhitespace } from "../dataset/verbatim";
import type { Match, TextSegment } from "../matching/types";

/**
 * What `npm run scan` reports, and how it prints it. Pure: the script does the reading.
 *
 * Offsets (`start`, `end`) are into the page's text as the matcher sees it: the concatenation of
 * the collected segments (visible body text, excluded regions left out, no separators added
 * between blocks).
 */

/** Characters of context shown on each side of a match: enough to judge it, one line. */
export const CONTEXT_CHARS = 40;

export interface ScanMatch {
  entity: EntityId;
  name: string;
  text: string;
  how: MatchHow;
  start: number;
  end: number;
  context: string;
}

export interface ScanFileResult {
  file: string;
  matches: ScanMatch[];
}

/** Adds each match's canonical name and its context, taken from its own block only. */
export function describeMatches(
  segments: readonly TextSegment[],
  matches: readonly Match[],
  names: ReadonlyMap<EntityId, string>,
): ScanMatch[] {
  const blocks = blockRanges(segments);
  const text = segments.map((segment) => segment.text).join("");
  return matches.map((match) => {
    const block = blocks.find((range) => match.start >= range.start && match.start < range.end);
    const from = Math.max(block?.start ?? 0, match.start - CONTEXT_CHARS);
    const to = Math.min(block?.end ?? text.length, match.end + CONTEXT_CHARS);
    const context =
      (from > (block?.start ?? 0) ? "…" : "") +
      text.slice(from, to) +
      (to < (block?.end ?? text.length) ? "…" : "");
    return {
      entity: match.entity,
      name: names.get(match.entity) ?? match.entity,
      text: match.text,
      how: match.how,
      start: match.start,
      end: match.end,
      context: collapseWhitespace(context),
    };
  });
}

interface BlockRange {
  start: number;
  end: number;
}

function blockRanges(segments: readonly TextSegment[]): BlockRange[] {
  const ranges: BlockRange[] = [];
  let offset = 0;
  let currentBlock: number | null = null;
  for (const segment of segments) {
    const last = ranges[ranges.length - 1];
    if (segment.block !== currentBlock || !last) {
      ranges.push({ start: offset, end: offset + segment.text.length });
      currentBlock = segment.block;
    } else {
      last.end = offset + segment.text.length;
    }
    offset += segment.text.length;
  }
  return ranges;
}

/** Exactly one JSON document, for tools. */
export function formatJson(files: readonly ScanFileResult[]): string {
  return `${JSON.stringify({ files }, null, 2)}\n`;
}

/** One line per match under a line per file, for people. */
export function formatText(files: readonly ScanFileResult[]): string {
  const lines: string[] = [];
  for (const { file, matches } of files) {
    lines.push(`${file}: ${matches.length} ${matches.length === 1 ? "match" : "matches"}`);
    for (const match of matches) {
      const label = match.name === match.text ? match.name : `${match.name} ("${match.text}")`;
      lines.push(
        `  ${match.how.padEnd(7)} ${label} [${match.start}-${match.end}]: ${match.context}`,
      );
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
