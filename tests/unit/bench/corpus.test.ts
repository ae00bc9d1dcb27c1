import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../../scripts/bench/corpus";

const root = mkdtempSync(join(tmpdir(), "receipts-inventory-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HEADER = "corpus\tpage\tpath\tkind\ttext_nodes_visible\tmentions_total";

function inventory(...lines: string[]): string {
  writeFileSync(join(root, "inventory.tsv"), `${lines.join("\n")}\n`);
  return join(root, "inventory.tsv");
}

describe("the bench's corpus inventory", () => {
  it("reads each page's name, path and sizes, in inventory order", () => {
    inventory(HEADER, "readability\t002\tpages/readability/002/source.html\treal\t1386\t0");
    expect(readCorpus(root)).toEqual([
      {
        name: "readability/002",
        path: "readability/002/source.html",
        visibleTextNodes: 1386,
        mentions: 0,
      },
    ]);
  });

  it("names the file and the column it lacks", () => {
    const file = inventory("corpus\tpage\tpath\tmentions_total", "a\tb\tpages/a/b.html\t1");
    expect(() => readCorpus(root)).toThrow(`${file}: no column text_nodes_visible in line 1`);
  });

  it("names the file, the line and the page of a row without a size", () => {
    const file = inventory(
      HEADER,
      "a\tb\tpages/a/b.html\treal\t12\t3",
      "a\tc\tpages/a/c.html\treal",
    );
    expect(() => readCorpus(root)).toThrow(`${file}, line 3 (a/c)`);
  });

  it("names the file and the line of a row without a page", () => {
    const file = inventory(HEADER, "a\t\t\treal\t12\t3");
    expect(() => readCorpus(root)).toThrow(`${file}, line 2: no corpus, page or path`);
  });
});
