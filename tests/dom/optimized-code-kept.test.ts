import { describe, expect, it } from "vitest";
import { createBlockSieve } from "../../lib/dom/block-sieve";
import { createTextCollector } from "../../lib/dom/collect";
import { createPagePass } from "../../lib/dom/page-pass";
import { planRegions, REGION_LIMITS } from "../../lib/dom/text-regions";
import { keepLatest, latestKept } from "../../lib/engine/keep-latest";
import { createMatchSession } from "../../lib/matching";
import type { Sieve } from "../../lib/matching/sieve";
import { compileMatcherWithSieve, sieveFor } from "../../lib/matching/sieve-build";
import { fixtureIndex, loadHtml } from "./support/pages";

/*
 * What a page pass makes afresh each time is kept until the next one of its kind, so that the
 * engine keeps the optimized code of its functions across garbage collections
 * (docs/decisions/0010-optimized-code-kept.md). Whether the engine does is measured, not tested
 * (docs/performance.md); these tests hold that each kind is kept, and only the latest.
 */

const matcher = compileMatcherWithSieve(fixtureIndex());
const sieve = sieveFor(matcher) as Sieve;
const segment = (text: string) => ({ text, block: 0 });

describe("keepLatest", () => {
  it("returns what it keeps, and keeps only the latest of a kind", () => {
    const first = { name: "first" };
    const second = { name: "second" };
    expect(keepLatest("scan", first)).toBe(first);
    expect(latestKept("scan")).toBe(first);
    keepLatest("scan", second);
    expect(latestKept("scan")).toBe(second);
  });
});

describe("what a page pass makes is kept until the next one", () => {
  it("the page pass itself", () => {
    loadHtml("<body><p>Tim Cook spoke.</p></body>");
    const pass = createPagePass({ root: document.body, matcher });
    expect(latestKept("pass")).toBe(pass);
    const next = createPagePass({ root: document.body, matcher });
    expect(latestKept("pass")).toBe(next);
  });

  it("the block sieve and the text collector", () => {
    loadHtml("<body><p>Tim Cook spoke.</p><p>Nobody else did.</p></body>");
    const blockSieve = createBlockSieve(document.body, sieve);
    expect(latestKept("sieve")).toBe(blockSieve);
    const collector = createTextCollector(document.body);
    expect(latestKept("collector")).toBe(collector);
    const next = createTextCollector(document.body);
    expect(latestKept("collector")).toBe(next);
  });

  it("the region planner of a large root", () => {
    const paragraphs = Array.from({ length: 40 }, (_, index) => `<p>Paragraph ${index}.</p>`);
    loadHtml(`<body>${paragraphs.join("")}<p>Tim Cook spoke.</p></body>`);
    const planner = planRegions(document.body, sieve, { ...REGION_LIMITS, minElements: 10 });
    expect(planner).not.toBeNull();
    expect(latestKept("planner")).toBe(planner);
  });

  it("the matcher's scan, one per scanned text", () => {
    const session = createMatchSession(matcher);
    expect(session.scan([segment("Tim Cook spoke.")])).toHaveLength(1);
    const first = latestKept("scan");
    expect(first).toBeDefined();
    session.scan([segment("Jeff Bezos did not.")]);
    const second = latestKept("scan");
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });
});
