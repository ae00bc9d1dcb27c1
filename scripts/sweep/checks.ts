/**
 * The sweep's comparisons, pure: snapshots and mark records in, problems out. The runner decides
 * what to compare with what (see docs/sweep.md); these functions only say whether two captures
 * agree and, when not, where.
 */
import type { Box, MarkRecord } from "./in-page";
import { checkMarkName, type NameBook } from "./names";

/** Layout may move by sub-pixel rounding, never by more than a pixel. */
export const LAYOUT_TOLERANCE_PX = 1;
/** Enough context around a difference to recognise it in the report. */
const EXCERPT_CHARS = 60;
/** A report lists this many examples of one problem; the count says how many there were. */
export const MAX_EXAMPLES = 5;

export type CheckName =
  | "errors"
  | "text"
  | "layout"
  | "placement"
  | "names"
  | "restore"
  | "navigation"
  | "timeout"
  | "harness";

export const CHECK_NAMES: readonly CheckName[] = [
  "errors",
  "text",
  "layout",
  "placement",
  "names",
  "restore",
  "navigation",
  "timeout",
  "harness",
];

export interface Problem {
  check: CheckName;
  what: string;
}

/** Undefined when equal; otherwise where the two strings first differ, with context. */
export function describeDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at += 1;
  const from = Math.max(0, at - EXCERPT_CHARS / 2);
  const excerpt = (text: string) => JSON.stringify(text.slice(from, at + EXCERPT_CHARS / 2));
  return `differs at ${at} (lengths ${expected.length} vs ${actual.length}): ${excerpt(expected)} vs ${excerpt(actual)}`;
}

/** Undefined when every block kept its box within the tolerance; otherwise what moved. */
export function describeLayoutChange(
  expected: Box[],
  actual: Box[],
  tolerance = LAYOUT_TOLERANCE_PX,
): string | undefined {
  const actualByKey = new Map(actual.map((box) => [box.key, box]));
  const moved: string[] = [];
  let movedCount = 0;
  const gone: Box[] = [];
  for (const box of expected) {
    const other = actualByKey.get(box.key);
    if (!other) {
      gone.push(box);
      continue;
    }
    const delta = Math.max(
      Math.abs(box.x - other.x),
      Math.abs(box.y - other.y),
      Math.abs(box.width - other.width),
      Math.abs(box.height - other.height),
    );
    if (delta > tolerance) {
      movedCount += 1;
      if (moved.length < MAX_EXAMPLES) {
        moved.push(`${describeBox(box)} by ${delta.toFixed(1)}px`);
      }
    }
  }
  const expectedKeys = new Set(expected.map((box) => box.key));
  const added = actual.filter((box) => !expectedKeys.has(box.key));
  if (movedCount === 0 && gone.length === 0 && added.length === 0) return undefined;
  const parts: string[] = [];
  if (movedCount > 0) parts.push(`${movedCount} block(s) moved: ${moved.join(", ")}`);
  if (gone.length > 0 || added.length > 0) {
    const examples = [
      ...(gone.length > 0 ? [`gone: ${describeSubtrees(gone)}`] : []),
      ...(added.length > 0 ? [`new: ${describeSubtrees(added)}`] : []),
    ];
    parts.push(`${gone.length} block(s) gone, ${added.length} new (${examples.join("; ")})`);
  }
  return parts.join("; ");
}

/** A block as a report names it: where it is in the tree and what it is. */
function describeBox(box: Box): string {
  return `${box.key} <${box.tag}>`;
}

/**
 * Names the topmost of the given blocks, each with how many of the others are inside it: a whole
 * subtree that went missing reads as its root ("html/1 <body> with 294 inside"), not as its
 * first few descendants.
 */
function describeSubtrees(boxes: Box[]): string {
  const keys = new Set(boxes.map((box) => box.key));
  const hasListedAncestor = (key: string): boolean => {
    for (let cut = key.lastIndexOf("/"); cut > 0; cut = key.lastIndexOf("/", cut - 1)) {
      if (keys.has(key.slice(0, cut))) return true;
    }
    return false;
  };
  const roots = boxes.filter((box) => !hasListedAncestor(box.key));
  const named = roots.slice(0, MAX_EXAMPLES).map((root) => {
    const inside = boxes.filter((box) => box.key.startsWith(`${root.key}/`)).length;
    return inside > 0 ? `${describeBox(root)} with ${inside} inside` : describeBox(root);
  });
  if (roots.length > MAX_EXAMPLES) named.push(`${roots.length - MAX_EXAMPLES} more`);
  return named.join(", ");
}

/** Check 4: no mark inside an excluded region or inside another mark. */
export function placementProblems(marks: MarkRecord[]): Problem[] {
  const problems: Problem[] = [];
  const excluded = marks.filter((mark) => mark.excludedBy !== "");
  const nested = marks.filter((mark) => mark.insideMark);
  if (excluded.length > 0) {
    const examples = excluded
      .slice(0, MAX_EXAMPLES)
      .map((mark) => `"${mark.text}" in ${mark.excludedBy}`);
    problems.push({
      check: "placement",
      what: `${excluded.length} mark(s) in excluded regions: ${examples.join(", ")}`,
    });
  }
  if (nested.length > 0) {
    const examples = nested.slice(0, MAX_EXAMPLES).map((mark) => `"${mark.text}"`);
    problems.push({
      check: "placement",
      what: `${nested.length} mark(s) inside another mark: ${examples.join(", ")}`,
    });
  }
  return problems;
}

/** Check 5: every match (the marks sharing a match id count once) names its entity legally. */
export function nameProblems(book: NameBook, marks: MarkRecord[]): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const mark of marks) {
    const group = mark.match === "" ? undefined : `${mark.entity}\u0000${mark.match}`;
    if (group !== undefined) {
      if (seen.has(group)) continue;
      seen.add(group);
    }
    const problem = checkMarkName(book, {
      entity: mark.entity,
      how: mark.how,
      text: group === undefined ? mark.text : mark.matchText,
    });
    if (problem) problems.push({ check: "names", what: problem.what });
  }
  return problems;
}

/**
 * Saved pages run their own scripts, so two loads of one page can differ without us. Each of
 * checks 2, 3 and 6 therefore compares twice: within the tab (marked vs turned off, which only
 * the extension can make differ) and across contexts (vs the plain load, which catches changes
 * that turning off does not undo). A cross-context difference fails unless a second plain load
 * shows the page itself differs from load to load.
 */
export type Verdict = "pass" | "fail" | "nondeterministic-page" | "needs-second-plain-load";

export function judge(comparison: {
  withinTab: string | undefined;
  acrossContexts: string | undefined;
  /** Between two plain loads; undefined when not measured (yet). */
  betweenPlainLoads?: string | undefined;
  measuredPlainTwice: boolean;
}): Verdict {
  if (comparison.withinTab !== undefined) return "fail";
  if (comparison.acrossContexts === undefined) return "pass";
  if (!comparison.measuredPlainTwice) return "needs-second-plain-load";
  return comparison.betweenPlainLoads === undefined ? "fail" : "nondeterministic-page";
}

/** The DOM with our marks unwrapped, as serialised text: what turning off must give back. */
export function withoutMarkTags(html: string): string {
  return html.replace(/<receipts-mark\b[^>]*>/g, "").replace(/<\/receipts-mark>/g, "");
}

/** Is this console message or error the extension's? Its code lives at chrome-extension:// URLs. */
export function isFromExtension(...places: (string | undefined)[]): boolean {
  return places.some((place) => place?.includes("chrome-extension://") ?? false);
}
