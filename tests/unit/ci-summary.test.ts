import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The last line CI prints (scripts/ci-summary.mjs), from a vitest JSON report and exit status. */
const folder = mkdtempSync(join(tmpdir(), "receipts-ci-summary-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function summarize(report: string | undefined, vitestStatus: number) {
  const path = join(folder, "results.json");
  rmSync(path, { force: true });
  if (report !== undefined) writeFileSync(path, report);
  const run = spawnSync("node", ["scripts/ci-summary.mjs", path, String(vitestStatus)], {
    encoding: "utf8",
  });
  return { lastLine: run.stdout.trim().split("\n").at(-1), status: run.status };
}

type Status = "passed" | "failed" | "skipped" | "todo";

/** A report shaped as vitest's JSON reporter writes it: totals, then each file and its tests. */
function reportOf(files: { status: "passed" | "failed"; tests: Status[] }[]): string {
  const all = files.flatMap((file) => file.tests);
  const total = (status: Status) => all.filter((test) => test === status).length;
  return JSON.stringify({
    numPassedTests: total("passed"),
    numFailedTests: total("failed"),
    numPendingTests: total("skipped"),
    numTodoTests: total("todo"),
    testResults: files.map((file, index) => ({
      name: `tests/file-${index}.test.ts`,
      status: file.status,
      assertionResults: file.tests.map((status) => ({ status })),
    })),
  });
}

describe("ci-summary", () => {
  it("counts a green run and exits 0", () => {
    const report = reportOf([{ status: "passed", tests: ["passed", "passed", "passed"] }]);
    expect(summarize(report, 0)).toEqual({ lastLine: "3 passed, 0 failed", status: 0 });
  });

  it("counts failed tests and exits 1", () => {
    const report = reportOf([{ status: "failed", tests: ["passed", "failed"] }]);
    expect(summarize(report, 1)).toEqual({ lastLine: "1 passed, 1 failed", status: 1 });
  });

  it("still ends with the line when the report is cut short (vitest killed while writing)", () => {
    const report = reportOf([{ status: "passed", tests: ["passed"] }]);
    expect(summarize(report.slice(0, 40), 137)).toEqual({
      lastLine: "0 passed, 1 failed",
      status: 1,
    });
  });

  it("counts a run that left no report as a failure", () => {
    expect(summarize(undefined, 124)).toEqual({ lastLine: "0 passed, 1 failed", status: 1 });
  });

  it("counts the tests a failed hook kept from running, each as failed", () => {
    const report = reportOf([
      { status: "passed", tests: ["passed"] },
      { status: "failed", tests: ["skipped", "skipped"] },
    ]);
    expect(summarize(report, 1)).toEqual({ lastLine: "1 passed, 2 failed", status: 1 });
  });

  it("counts skipped and to-do tests in a passing file as failed: no silent skips", () => {
    const report = reportOf([{ status: "passed", tests: ["passed", "skipped", "todo"] }]);
    expect(summarize(report, 0)).toEqual({ lastLine: "1 passed, 2 failed", status: 1 });
  });

  it("counts a file that failed to load once", () => {
    const report = reportOf([
      { status: "passed", tests: ["passed"] },
      { status: "failed", tests: [] },
    ]);
    expect(summarize(report, 1)).toEqual({ lastLine: "1 passed, 1 failed", status: 1 });
  });

  it("fails a run that exited non-zero with every test passed (an unhandled error)", () => {
    const report = reportOf([{ status: "passed", tests: ["passed"] }]);
    expect(summarize(report, 1)).toEqual({ lastLine: "1 passed, 1 failed", status: 1 });
  });

  it("fails a run that ran no test at all", () => {
    expect(summarize(reportOf([]), 0)).toEqual({ lastLine: "0 passed, 1 failed", status: 1 });
  });
});
