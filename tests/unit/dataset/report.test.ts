import { describe, expect, it } from "vitest";
import { compileDataset } from "../../../lib/dataset/compile";
import { buildMatchIndex } from "../../../lib/dataset/match-index";
import { buildReport, formatReport } from "../../../lib/dataset/report";
import { collapseWhitespace, findVerbatim } from "../../../lib/dataset/verbatim";
import { articles, curatedFiles, edit } from "./fixture";

function fixtureDataset() {
  const result = compileDataset(curatedFiles(), articles());
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.dataset;
}

describe("buildReport", () => {
  it("counts per article and per kind", () => {
    const report = buildReport(fixtureDataset());
    expect(report.articles["000_test"]).toEqual({
      quotes: 2,
      stances: 1,
      events: 1,
      conflictSides: 2,
      contractFacts: 1,
      entityFacts: 2,
    });
    expect(report.entities).toEqual({
      "organization/company": 2,
      "organization/letter": 1,
      "person/tech-leader": 2,
    });
    expect(report.contracts).toEqual({ article: 1, "further-reporting": 1 });
    expect(report.statements).toBe(2);
    expect(formatReport(report)).toContain("contracts: article 1, further-reporting 1");
  });

  it("counts a bid protest apart from the contracts", () => {
    const result = compileDataset(
      curatedFiles(
        edit(
          "contracts.yaml",
          "description: A paraphrased contract.",
          "kind: bid-protest\n  description: A paraphrased protest.",
        ),
      ),
      articles(),
    );
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(buildReport(result.dataset).contracts).toEqual({ article: 1, "bid-protest": 1 });
  });
});

describe("compiled output", () => {
  it("groups statements and sorts every list by id", () => {
    const dataset = fixtureDataset();
    expect(dataset.statements).toEqual([
      { id: "whittaker-courage", speaker: "meredith-whittaker", quotes: ["whittaker-000-courage"] },
      {
        id: "whittaker-executing",
        speaker: "meredith-whittaker",
        quotes: ["whittaker-000-executing"],
      },
    ]);
    expect(dataset.entities.map((entity) => entity.id)).toEqual([
      "iceout-tech",
      "meredith-whittaker",
      "palantir",
      "signal",
      "tim-cook",
    ]);
  });

  it("fills defaults: markMode every, case as-written", () => {
    const palantir = fixtureDataset().entities.find((entity) => entity.id === "palantir")!;
    expect(palantir.markMode).toBe("every");
    expect(palantir.aliases).toEqual([{ text: "Palantir", how: "full", case: "as-written" }]);
  });

  it("builds a match index without card content", () => {
    const index = buildMatchIndex(fixtureDataset());
    expect(index.version).toBe(1);
    expect(JSON.stringify(index)).not.toContain("excerpt");
    expect(JSON.stringify(index)).not.toContain("roles");
  });
});

describe("verbatim", () => {
  it("collapses whitespace runs, including non-breaking spaces, and nothing else", () => {
    expect(collapseWhitespace("a\u00a0 b\n\tc ")).toBe("a b c");
    expect(findVerbatim("It worked — Trump backed down.", "It worked - Trump")).toBe(-1);
    expect(findVerbatim("running amuck [sic] empowered", "running amuck empowered")).toBe(-1);
    expect(findVerbatim("one\ntwo", "one two")).toBe(0);
  });
});
