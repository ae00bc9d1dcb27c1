import { describe, expect, it } from "vitest";
import { afterSecondSweep, type PageResult } from "../../scripts/sweep/report";

function result(status: PageResult["status"], problems: PageResult["problems"]): PageResult {
  return {
    page: "scrapinghub/nypost.com-432362af",
    status,
    marks: { total: 3, matches: 3, byEntity: {}, byHow: {} },
    mentions: [],
    elements: 100,
    timings: {} as PageResult["timings"],
    blockedRequests: { plain: 0, extension: 0, examples: [] },
    problems,
    notes: [],
    pageErrors: [],
  };
}

const lazyLoader = { check: "restore" as const, what: "serialised DOM differs at 208283" };

describe("a failing page swept a second time", () => {
  it("passes when the second sweep passes, and keeps what the first one saw as a note", () => {
    const settled = afterSecondSweep(result("fail", [lazyLoader]), result("pass", []));
    expect(settled.status).toBe("pass");
    expect(settled.problems).toEqual([]);
    expect(settled.notes).toEqual([
      "failed the first sweep, passed the second (restore: serialised DOM differs at 208283)",
    ]);
  });

  it("fails when the failure repeats: a fault of the extension fails both times", () => {
    const settled = afterSecondSweep(result("fail", [lazyLoader]), result("fail", [lazyLoader]));
    expect(settled.status).toBe("fail");
    expect(settled.problems).toEqual([lazyLoader]);
  });
});
