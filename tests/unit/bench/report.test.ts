import { describe, expect, it } from "vitest";
import {
  emptyMeasurement,
  type PageMeasurement,
  type TaskRecord,
} from "../../../scripts/bench/measure";
import { formatTable, summarize, type BenchResults } from "../../../scripts/bench/report";

function page(name: string, figures: Partial<PageMeasurement>): PageMeasurement {
  return { ...emptyMeasurement(name, `http://127.0.0.1/${name}`), textNodes: 10, ...figures };
}

function results(corpus: PageMeasurement[]): BenchResults {
  return { corpus, huge: null, live: null, tasks: [], pageOwnTasks: [], contentScriptGzipBytes: 0 };
}

describe("the bench's search baseline in the summary", () => {
  const corpus = [
    page("a", { floorMs: 1, searchMs: 1.5, oursMs: 6 }),
    page("b", { floorMs: 2, searchMs: 4, oursMs: 10 }),
    page("c", { floorMs: 1, searchMs: 3, oursMs: 9 }),
  ];

  it("reports search over floor and ours over search, per page first, then the median", () => {
    const summary = summarize(results(corpus));
    expect(summary.search_over_floor_median).toBe(2);
    expect(summary.ours_over_search_median).toBe(3);
    expect(summary.ours_over_floor_median).toBe(6);
  });

  it("prints each page's search time in the table", () => {
    const table = formatTable(summarize(results(corpus)), results(corpus));
    const header = table.split("\n")[0]?.split("\t") ?? [];
    const row =
      table
        .split("\n")
        .find((line) => line.startsWith("b\t"))
        ?.split("\t") ?? [];
    expect(row[header.indexOf("search ms")]).toBe("4.00");
  });

  it("leaves a page out of the search ratios when it has no search figure", () => {
    const summary = summarize(results([page("a", { floorMs: 1, searchMs: null, oursMs: 6 })]));
    expect(summary.search_over_floor_median).toBeNaN();
    expect(summary.ours_over_floor_median).toBe(6);
  });
});

describe("the extension's longest task in the summary", () => {
  function task(name: string, own: number | null, pageLongest: number): TaskRecord {
    return {
      name,
      ownLongestTaskMs: own,
      startupTaskMs: null,
      startedAtMs: null,
      longestTaskMs: pageLongest,
      firstMarkMs: null,
      marks: 0,
    };
  }
  const withTasks = (tasks: TaskRecord[]): BenchResults => ({ ...results([]), tasks });

  it("counts the content script's own figure, not the page's tasks", () => {
    const summary = summarize(withTasks([task("a", 12, 80), task("b", 19, 0)]));
    expect(summary.longest_task_ms).toBe(19);
    expect(summary.page_longest_task_ms).toBe(80);
  });

  it("counts the page's longest task as ours when ours was not reported, and says so", () => {
    const tasks = withTasks([task("a", 12, 0), task("b", null, 59)]);
    const summary = summarize(tasks);
    expect(summary.longest_task_ms).toBe(59);
    const line = formatTable(summary, tasks)
      .split("\n")
      .find((text) => text.startsWith("extension on b:"));
    expect(line).toContain("its longest task not reported (counted as the page's)");
    expect(line).toContain("the page's 59.0 ms");
  });
});
