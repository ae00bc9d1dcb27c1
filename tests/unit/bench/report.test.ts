import { describe, expect, it } from "vitest";
import { emptyMeasurement, type PageMeasurement } from "../../../scripts/bench/measure";
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
