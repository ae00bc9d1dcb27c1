import { describe, expect, it } from "vitest";
import { badgeText, createBackgroundHandler } from "../../../lib/background/handler";
import { buildCards } from "../../../lib/cards/card-data";
import {
  MAX_SUMMARY_TITLE_LENGTH,
  parseBackgroundRequest,
  parseJumpResponse,
  parsePageSummary,
  parseTabRequest,
} from "../../../lib/messaging/protocol";
import type { SieveSpec } from "../../../lib/matching/sieve";
import { miniDataset, miniPageSummary } from "../../fixtures/mini-dataset";

/** A message from a tab's top frame. */
const TOP = { tabId: 1, frameId: 0 };

/** A sieve spec as the background gives it: only its identity matters here. */
const SIEVE_SPEC: SieveSpec = {
  capitals: "Roe",
  entitiesByToken: [],
  others: null,
  tokenSources: [],
};

/** The card's sheet as the background holds it: only its identity matters here. */
const CARD_CSS = ":host { all: initial; }";

function setup() {
  const badges: [number, string][] = [];
  const handle = createBackgroundHandler(
    buildCards(miniDataset),
    { setBadge: (tabId, text) => badges.push([tabId, text]) },
    () => SIEVE_SPEC,
    CARD_CSS,
  );
  return { handle, badges };
}

describe("message protocol", () => {
  it.each([
    null,
    "cards",
    [],
    { type: "cards" },
    { type: "cards", entities: "jane-roe" },
    { type: "cards", entities: ["Jane Roe"] },
    { type: "cards", entities: ["../../etc"] },
    { type: "cards", entities: Array.from({ length: 501 }, () => "a") },
    { type: "cards", entities: ["jane-roe", "acme", "jane-roe"] },
    { type: "cards", entities: ["acme", "Jane Roe"] },
    { type: "cards", entities: ["acme<img src=x>"] },
    { type: "cards", entities: ["a".repeat(81)] },
    { type: "cards", entities: [["acme"]] },
    { type: "cards", entities: Array.from({ length: 501 }, (_, index) => `entity-${index}`) },
    Object.assign(["sieve"], { type: "sieve" }),
    Object.assign(["card-style"], { type: "card-style" }),
    { type: "card-styles" },
    { type: "page-counts" },
    { type: "page-counts", counts: { entity: "acme", count: 1 } },
    { type: "page-counts", counts: [null] },
    {
      type: "page-counts",
      counts: Array.from({ length: 501 }, (_, index) => ({ entity: `entity-${index}`, count: 1 })),
    },
    {
      type: "page-counts",
      counts: [
        { entity: "acme", count: 1 },
        { entity: "acme", count: 1 },
      ],
    },
    { type: "page-counts", counts: [{ entity: "acme", count: -1 }] },
    { type: "page-counts", counts: [{ entity: "acme", count: 1.5 }] },
    { type: "page-counts", counts: [{ entity: "acme" }] },
    { type: "eval", code: "1" },
    { type: "__proto__" },
  ])("rejects %j", (message) => {
    expect(parseBackgroundRequest(message)).toBeNull();
  });

  it("accepts exactly the known shapes and copies only known fields", () => {
    expect(parseBackgroundRequest({ type: "cards", entities: ["acme"], extra: 1 })).toEqual({
      type: "cards",
      entities: ["acme"],
    });
    expect(parseTabRequest({ type: "jump", entity: "acme" })).toEqual({
      type: "jump",
      entity: "acme",
    });
    expect(parseTabRequest({ type: "page-summary", extra: 1 })).toEqual({ type: "page-summary" });
  });

  it("accepts as many entities as the bounds allow, and a count of zero", () => {
    const longest = "a".repeat(80);
    const entities = Array.from({ length: 500 }, (_, index) => `entity-${index}`);
    expect(parseBackgroundRequest({ type: "cards", entities: [longest] })).toEqual({
      type: "cards",
      entities: [longest],
    });
    expect(parseBackgroundRequest({ type: "cards", entities })).toEqual({
      type: "cards",
      entities,
    });
    const counts = entities.map((entity) => ({ entity, count: 0 }));
    expect(parseBackgroundRequest({ type: "page-counts", counts })).toEqual({
      type: "page-counts",
      counts,
    });
  });

  it.each([
    null,
    "page-summary",
    Object.assign(["page-summary"], { type: "page-summary" }),
    { type: "jump" },
    { type: "jump", entity: 5 },
    { type: "jump", entity: "Jane Roe" },
    { type: "scroll", entity: "acme" },
  ])("rejects the tab request %j", (message) => {
    expect(parseTabRequest(message)).toBeNull();
  });

  it("reads a jump as found only when the tab says exactly so", () => {
    expect(parseJumpResponse({ found: true })).toEqual({ found: true });
    for (const answer of [undefined, null, { found: "yes" }, { found: 1 }, [true]]) {
      expect(parseJumpResponse(answer)).toEqual({ found: false });
    }
  });
});

describe("background handler", () => {
  it("answers card requests only from the dataset", () => {
    const { handle } = setup();
    const response = handle({ type: "cards", entities: ["jane-roe", "not-in-dataset"] }, TOP);
    expect(response && "cards" in response && response.cards.map((card) => card.name)).toEqual([
      "Jane Roe",
    ]);
    expect(handle({ type: "cards", entities: "<script>" }, TOP)).toBeNull();
  });

  it("gives the page sieve it built to a page that cannot check the stored one", () => {
    const { handle } = setup();
    expect(handle({ type: "sieve" }, TOP)).toEqual({ spec: SIEVE_SPEC });
    // From a frame too: a frame on a plain-http page marks as its top page does.
    expect(handle({ type: "sieve", extra: "ignored" }, { tabId: 1, frameId: 3 })).toEqual({
      spec: SIEVE_SPEC,
    });
  });

  it("gives the card's style sheet to any frame that opens a card", () => {
    const { handle } = setup();
    expect(handle({ type: "card-style" }, TOP)).toEqual({ css: CARD_CSS });
    expect(
      handle({ type: "card-style", css: "* { color: red }" }, { tabId: 1, frameId: 3 }),
    ).toEqual({ css: CARD_CSS });
    expect(parseBackgroundRequest({ type: "card-style", css: "x" })).toEqual({
      type: "card-style",
    });
  });

  it("badges the sender's tab with the number of distinct known entities", () => {
    const { handle, badges } = setup();
    const answer = handle(
      {
        type: "page-counts",
        counts: [
          { entity: "acme", count: 3 },
          { entity: "jane-roe", count: 1 },
          { entity: "made-up", count: 9 },
        ],
      },
      { tabId: 7, frameId: 0 },
    );
    // Counts are told, not asked: the page gets no answer (not the sieve's).
    expect(answer).toBeNull();
    handle({ type: "page-counts", counts: [] }, { tabId: 7, frameId: 0 });
    // From no tab at all (an extension page), whatever its frame: there is no badge to set.
    handle(
      { type: "page-counts", counts: [{ entity: "acme", count: 1 }] },
      { tabId: undefined, frameId: undefined },
    );
    handle(
      { type: "page-counts", counts: [{ entity: "acme", count: 1 }] },
      { tabId: undefined, frameId: 0 },
    );
    expect(badges).toEqual([
      [7, "2"],
      [7, ""],
    ]);
  });

  it("takes a tab's counts only from its top frame: a frame without names keeps the badge", () => {
    const { handle, badges } = setup();
    handle(
      { type: "page-counts", counts: [{ entity: "acme", count: 2 }] },
      { tabId: 7, frameId: 0 },
    );
    handle({ type: "page-counts", counts: [] }, { tabId: 7, frameId: 3 });
    handle(
      { type: "page-counts", counts: [{ entity: "jane-roe", count: 1 }] },
      { tabId: 7, frameId: 4 },
    );
    expect(badges).toEqual([[7, "1"]]);
  });

  it("badges a tab from its page's finished summary (a page back from the cache), not a partial one", () => {
    const { handle, badges } = setup();
    const summary = {
      ...miniPageSummary,
      entities: [...miniPageSummary.entities, { entity: "made-up", count: 4 }],
    };
    handle.badgeFromSummary(7, { ...summary, progress: "marking" });
    handle.badgeFromSummary(7, { ...summary, progress: "starting" });
    handle.badgeFromSummary(7, { ...summary, url: "javascript:void 0" });
    handle.badgeFromSummary(7, undefined);
    handle.badgeFromSummary(7, summary);
    handle.badgeFromSummary(8, { ...summary, enabled: false, entities: [] });
    expect(badges).toEqual([
      [7, "2"],
      [8, ""],
    ]);
  });

  it("counts distinct entities, ignoring zero counts", () => {
    expect(badgeText([{ entity: "a", count: 0 }])).toBe("");
    expect(
      badgeText([
        { entity: "a", count: 2 },
        { entity: "b", count: 1 },
      ]),
    ).toBe("2");
  });
});

/** 2 MB, Chrome's longest: a page can push itself an address with a long query this way. */
const LONGEST_ADDRESS = "https://news.example/story?q=".padEnd(2 * 1024 * 1024, "a");

describe("parsePageSummary", () => {
  const summary = {
    url: "https://news.example/story",
    title: "A story",
    enabled: true,
    progress: "marking",
    entities: [{ entity: "acme", count: 2 }],
  };

  it("passes a well-formed answer, and only its known fields", () => {
    expect(parsePageSummary({ ...summary, extra: "<img>" })).toEqual(summary);
  });

  // A page sets its own title and address: were these refused, any page could make the popup
  // say it cannot read it, and hide its site switch.
  it("passes a page whatever its title's length, cut to one a summary can cite", () => {
    const title = "😀".repeat(MAX_SUMMARY_TITLE_LENGTH);
    const parsed = parsePageSummary({ ...summary, title });
    expect(parsed?.title).toBe("😀".repeat(MAX_SUMMARY_TITLE_LENGTH / 2));
    expect(parsePageSummary({ ...summary, title: "x" + title })?.title).toBe(
      "x" + "😀".repeat(MAX_SUMMARY_TITLE_LENGTH / 2 - 1),
    );
  });

  it("passes an address as long as a browser keeps one", () => {
    expect(parsePageSummary({ ...summary, url: LONGEST_ADDRESS })?.url).toBe(LONGEST_ADDRESS);
  });

  it.each([
    ["a non-web address", { ...summary, url: "javascript:alert(1)" }],
    ["an address that does not parse", { ...summary, url: "not a url" }],
    ["a scheme that only ends in http", { ...summary, url: "web+http://news.example/story" }],
    ["an unknown progress", { ...summary, progress: "finished" }],
    ["a missing progress", { ...summary, progress: undefined }],
    ["a non-boolean switch", { ...summary, enabled: "yes" }],
    ["an address longer than a browser keeps", { ...summary, url: LONGEST_ADDRESS + "x" }],
    [
      "an entity counted twice",
      {
        ...summary,
        entities: [
          { entity: "acme", count: 2 },
          { entity: "acme", count: 2 },
        ],
      },
    ],
    ["a malformed count", { ...summary, entities: [{ entity: "acme", count: -1 }] }],
    ["an entity id that is not ours", { ...summary, entities: [{ entity: "<b>", count: 1 }] }],
    ["no object at all", "summary"],
  ])("rejects %s", (_, value) => {
    expect(parsePageSummary(value)).toBeNull();
  });
});
