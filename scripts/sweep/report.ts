/** The sweep's record of each page and its printed summary. Pure. */
import { CHECK_NAMES, type CheckName, type Problem } from "./checks";
import type { KnownIssue } from "./known-issues";

export interface PageTimings {
  /** Plain Chromium, no extension: navigation to the load event. */
  plainLoadMs: number;
  /** With the extension: navigation to the load event. */
  loadMs: number;
  /** From the load event until the number of marks stopped changing. */
  markingMs: number;
  /** From turning the site off until the last mark was gone. */
  turnOffMs: number;
  navigationMs: number;
  totalMs: number;
}

/** One marked name (the marks of a split name count once), where the quality labels can find it. */
export interface Mention {
  /** Offset of its first character in `document.body.textContent`. */
  offset: number;
  text: string;
  entity: string;
  how: string;
}

export interface PageResult {
  page: string;
  status: "pass" | "fail" | "known";
  marks: {
    total: number;
    /** Distinct matches: the marks of one split name count once. */
    matches: number;
    byEntity: Record<string, number>;
    byHow: Record<string, number>;
  };
  mentions: Mention[];
  elements: number;
  timings: PageTimings;
  /** Requests aborted because they left 127.0.0.1: by the plain load and by the extension's tab. */
  blockedRequests: { plain: number; extension: number; examples: string[] };
  /** Failures of the checks (known ones included, with `known` set). */
  problems: (Problem & { known?: string })[];
  /** Observations that are not failures, e.g. "the page differs between two plain loads". */
  notes: string[];
  /** The saved page's own script errors: recorded, not failures. */
  pageErrors: string[];
}

export interface SweepReport {
  startedAt: string;
  finishedAt: string;
  pagesDir: string;
  extensionDir: string;
  workers: number;
  pages: PageResult[];
  summary: SweepSummary;
}

export interface SweepSummary {
  pages: number;
  passed: number;
  failed: number;
  known: number;
  marks: number;
  pagesWithMarks: number;
  failuresByCheck: Record<CheckName, number>;
  medianPageMs: number;
  slowestPage: { page: string; ms: number } | undefined;
}

/** Applies the known-issue list: a page whose every failure is known is "known", not "fail". */
export function settleStatus(
  page: string,
  problems: Problem[],
  known: KnownIssue[],
): { status: PageResult["status"]; problems: PageResult["problems"]; notes: string[] } {
  const mine = known.filter((issue) => issue.page === page);
  const marked = problems.map((problem) => {
    const issue = mine.find((candidate) => candidate.check === problem.check);
    return issue ? { ...problem, known: issue.reason } : problem;
  });
  const notes = mine
    .filter((issue) => !problems.some((problem) => problem.check === issue.check))
    .map((issue) => `known issue no longer fails (${issue.check}): remove it from known-issues.ts`);
  const status =
    marked.length === 0 ? "pass" : marked.every((problem) => "known" in problem) ? "known" : "fail";
  return { status, problems: marked, notes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function summarize(results: PageResult[]): SweepSummary {
  const failuresByCheck = Object.fromEntries(CHECK_NAMES.map((check) => [check, 0])) as Record<
    CheckName,
    number
  >;
  for (const result of results) {
    for (const check of new Set(result.problems.filter((p) => !p.known).map((p) => p.check))) {
      failuresByCheck[check] += 1;
    }
  }
  const slowest = [...results].sort((a, b) => b.timings.totalMs - a.timings.totalMs)[0];
  return {
    pages: results.length,
    passed: results.filter((result) => result.status === "pass").length,
    failed: results.filter((result) => result.status === "fail").length,
    known: results.filter((result) => result.status === "known").length,
    marks: results.reduce((sum, result) => sum + result.marks.total, 0),
    pagesWithMarks: results.filter((result) => result.marks.total > 0).length,
    failuresByCheck,
    medianPageMs: median(results.map((result) => result.timings.totalMs)),
    slowestPage: slowest ? { page: slowest.page, ms: slowest.timings.totalMs } : undefined,
  };
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The end-of-run summary: a table by check, then each failing or known page and why. */
export function formatSummary(results: PageResult[], summary: SweepSummary): string {
  const checkRows = CHECK_NAMES.map((check) => {
    const known = results.filter((result) =>
      result.problems.some((problem) => problem.check === check && problem.known),
    ).length;
    return [
      check,
      String(summary.pages - summary.failuresByCheck[check] - known),
      String(summary.failuresByCheck[check]),
      String(known),
    ];
  });
  const lines = [
    table([["check", "passed", "failed", "known"], ...checkRows]),
    "",
    `${summary.pages} pages: ${summary.passed} passed, ${summary.failed} failed, ${summary.known} known` +
      ` | ${summary.marks} marks on ${summary.pagesWithMarks} pages | median ${(summary.medianPageMs / 1000).toFixed(1)} s/page` +
      (summary.slowestPage
        ? `, slowest ${summary.slowestPage.page} ${(summary.slowestPage.ms / 1000).toFixed(1)} s`
        : ""),
  ];
  const troubled = results.filter((result) => result.status !== "pass");
  if (troubled.length > 0) {
    lines.push(
      "",
      table([
        ["page", "status", "check", "what"],
        ...troubled.flatMap((result) =>
          result.problems.map((problem) => [
            result.page,
            problem.known ? "known" : "FAIL",
            problem.check,
            (problem.known ? `${problem.what} [known: ${problem.known}]` : problem.what).slice(
              0,
              200,
            ),
          ]),
        ),
      ]),
    );
  }
  return lines.join("\n");
}

/** One line per page while the sweep runs. */
export function formatProgress(result: PageResult, done: number, total: number): string {
  const checks = [...new Set(result.problems.map((problem) => problem.check))].join(",");
  const status = result.status === "pass" ? "ok  " : result.status === "known" ? "KNWN" : "FAIL";
  return `[${String(done).padStart(String(total).length)}/${total}] ${status} ${result.page} marks=${result.marks.total} ${(result.timings.totalMs / 1000).toFixed(1)}s${checks ? ` ${checks}` : ""}`;
}

/**
 * A page swept again after it failed. Saved pages' own scripts are not fully deterministic on a
 * loaded machine (a lazy loader, a layout built late): a failure must repeat before it counts. A
 * fault of the extension is deterministic and fails both times. The second result stands, with
 * what the first one saw kept as a note when the second passed.
 */
export function afterSecondSweep(first: PageResult, second: PageResult): PageResult {
  if (second.status === "fail") return second;
  const firstProblems = first.problems
    .filter((problem) => !problem.known)
    .map((problem) => `${problem.check}: ${problem.what.slice(0, 200)}`);
  return {
    ...second,
    notes: [
      ...second.notes,
      `failed the first sweep, passed the second (${firstProblems.join("; ")})`,
    ],
  };
}
