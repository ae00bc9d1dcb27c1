import { describe, expect, it } from "vitest";
import { describeMatches, formatJson, formatText } from "../../lib/scan/format";

const segments = [
  { text: "An interview with Tim", block: 0 },
  { text: "Cook and ", block: 1 },
  { text: "Tim", block: 1 },
  { text: " Cook, at length, about everything that happened in Minneapolis.", block: 1 },
];
const names = new Map([["tim-cook", "Tim Cook"]]);

describe("describeMatches", () => {
  it("takes context from the match's own block only, trimmed with ellipses", () => {
    const [described] = describeMatches(
      segments,
      [{ entity: "tim-cook", start: 30, end: 38, text: "Tim Cook", how: "full" }],
      names,
    );
    expect(described).toEqual({
      entity: "tim-cook",
      name: "Tim Cook",
      text: "Tim Cook",
      how: "full",
      start: 30,
      end: 38,
      context: "Cook and Tim Cook, at length, about everything that happe…",
    });
  });

  it("falls back to the entity id when the index has no name for it", () => {
    const [described] = describeMatches(
      segments,
      [{ entity: "unknown", start: 18, end: 21, text: "Tim", how: "alias" }],
      names,
    );
    expect(described?.name).toBe("unknown");
    expect(described?.context).toBe("An interview with Tim");
  });
});

describe("formatJson and formatText", () => {
  const files = [
    { file: "a.html", matches: [] },
    {
      file: "b.html",
      matches: describeMatches(
        segments,
        [{ entity: "tim-cook", start: 21, end: 25, text: "Cook", how: "surname" as const }],
        names,
      ),
    },
  ];

  it("prints exactly one JSON document", () => {
    expect(JSON.parse(formatJson(files))).toEqual({ files });
  });

  it("prints a line per file and per match", () => {
    expect(formatText(files)).toBe(
      "a.html: 0 matches\nb.html: 1 match\n" +
        '  surname Tim Cook ("Cook") [21-25]: Cook and Tim Cook, at length, about everythi…\n',
    );
  });
});
