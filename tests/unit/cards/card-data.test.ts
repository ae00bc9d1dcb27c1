import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCards } from "../../../lib/cards/card-data";
import { formatPageSummary, formatQuoteCitation } from "../../../lib/cards/citation";
import { summarizePage } from "../../../lib/summary/page-summary";
import type { Dataset } from "../../../lib/dataset/types";
import { miniDataset } from "../../fixtures/mini-dataset";
import { widerDataset } from "./wider-dataset";

const cards = buildCards(miniDataset);

describe("buildCards", () => {
  it("groups each article's wording of one statement together, in order", () => {
    const card = cards.get("jane-roe")!;
    expect(card.statements).toHaveLength(1);
    expect(
      card.statements[0]!.variants.map((variant) => [variant.text, variant.source.title]),
    ).toEqual([
      ["we must act", "Headline One"],
      ["we have to act", "Headline Two"],
    ]);
  });

  it("gives a person their organization's contracts, article facts before further reporting", () => {
    const card = cards.get("jane-roe")!;
    expect(card.organizations).toEqual([{ id: "acme", name: "Acme", role: "CEO" }]);
    expect(card.contracts.map((contract) => [contract.id, contract.layer])).toEqual([
      ["acme-a1", "article"],
      ["acme-wired", "further-reporting"],
    ]);
    expect(card.contracts[1]!.sources[0]!.source).toMatchObject({
      kind: "further-reporting",
      publisher: "WIRED",
    });
  });

  it("lists an organization's people and keeps disagreeing sources side by side", () => {
    const card = cards.get("acme")!;
    expect(card.members).toEqual([{ id: "jane-roe", name: "Jane Roe", role: "CEO" }]);
    expect(card.conflicts[0]!.sides.map((side) => side.claim)).toEqual([
      "More than 450",
      "More than eight hundred",
    ]);
  });

  it("keeps each side's own words and each quote's context", () => {
    const dataset = structuredClone(miniDataset);
    dataset.conflicts[0]!.sides[0]!.excerpt = "more than 450 employees signed";
    const built = buildCards(dataset);
    expect(built.get("acme")!.conflicts[0]!.sides[0]).toEqual({
      claim: "More than 450",
      source: expect.objectContaining({ id: "a1" }),
      excerpt: "more than 450 employees signed",
    });
    expect(
      built.get("jane-roe")!.statements[0]!.variants.map((variant) => variant.context),
    ).toEqual([{ where: "on X" }, {}]);
  });

  it("carries stances with their source and never invents a quote", () => {
    const card = cards.get("quiet-person")!;
    expect(card.statements).toEqual([]);
    expect(card.stances).toEqual([
      expect.objectContaining({
        text: "Named as not having publicly commented",
        excerpt: "Quiet Person has not commented",
      }),
    ]);
  });

  it("only names the publisher and date where the source does", () => {
    const variant = cards.get("jane-roe")!.statements[0]!.variants[1]!;
    expect(variant.source).toStrictEqual({ id: "a2", kind: "article", title: "Headline Two" });
  });

  it("cites further reporting by its address, and by its outlet where it gives no headline", () => {
    const dataset = structuredClone(miniDataset);
    dataset.sources.push({ id: "outlet", kind: "further-reporting", outlet: "Some Outlet" });
    dataset.contracts[0]!.sources.push({ source: "outlet" });
    const wired = dataset.sources.find((source) => source.id === "wired")!;
    if (wired.kind === "further-reporting") wired.url = "https://wired.example/ice";
    const [, further] = buildCards(dataset).get("acme")!.contracts;
    expect(further!.sources.map((line) => line.source)).toStrictEqual([
      {
        id: "wired",
        kind: "further-reporting",
        title: "ICE pays vendor",
        publisher: "WIRED",
        date: "April 18, 2025",
        url: "https://wired.example/ice",
      },
      { id: "outlet", kind: "further-reporting", title: "Some Outlet", publisher: "Some Outlet" },
    ]);
  });

  it("refuses a dataset citing a source it does not hold, and leaves out a quote it lacks", () => {
    const unknownSource = structuredClone(miniDataset);
    unknownSource.stances[0]!.source = "gone";
    expect(() => buildCards(unknownSource)).toThrow('dataset: unknown source "gone"');
    const missingQuote = structuredClone(miniDataset);
    missingQuote.statements[0]!.quotes.splice(1, 0, "roe-gone");
    const variants = buildCards(missingQuote).get("jane-roe")!.statements[0]!.variants;
    expect(variants.map((variant) => variant.quoteId)).toEqual(["roe-a1", "roe-a2"]);
  });
});

describe("citations and page summary", () => {
  it("cites a quote with speaker, headline, publisher and date", () => {
    const variant = cards.get("jane-roe")!.statements[0]!.variants[0]!;
    expect(formatQuoteCitation("Jane Roe", variant)).toBe(
      "“we must act” — Jane Roe, as quoted in “Headline One”, Pub, January 27, 2026",
    );
  });

  it("groups people and organizations in order of first appearance, with totals", () => {
    const view = summarizePage(
      [
        { entity: "acme", count: 2 },
        { entity: "jane-roe", count: 3 },
        { entity: "unknown-entity", count: 1 },
      ],
      [...cards.values()],
    );
    expect(view.people.map((entry) => [entry.card.id, entry.count])).toEqual([["jane-roe", 3]]);
    expect(view.organizations.map((entry) => entry.card.id)).toEqual(["acme"]);
    // Jane Roe's card repeats Acme's contracts: totals count each contract once.
    expect(view.totals).toEqual({ people: 1, organizations: 1, quotes: 2, contracts: 2 });
  });

  // A page's summary may count an entity zero times (the protocol lets it): nobody to list.
  it("leaves out an entity the page counts zero times", () => {
    const view = summarizePage([{ entity: "acme", count: 0 }], [...cards.values()]);
    expect(view.organizations).toEqual([]);
    expect(view.totals).toEqual({ people: 0, organizations: 0, quotes: 0, contracts: 0 });
  });

  it("writes a Markdown summary with every quote and contract cited", () => {
    const view = summarizePage([{ entity: "jane-roe", count: 1 }], [...cards.values()]);
    const text = formatPageSummary({ title: "Page", url: "http://127.0.0.1/x" }, view.people);
    expect(text).toContain("## Jane Roe (1 mention)");
    expect(text).toContain("“we have to act” — Jane Roe, as quoted in “Headline Two”");
    expect(text).toContain(
      "Contract (further reporting): Acme, ICE, Widget, 2025: $30 million (reported).",
    );
  });

  it("writes the whole summary a reader pastes: each person's first role, quotes, stances, contracts", () => {
    const view = summarizePage(
      [
        { entity: "jane-roe", count: 2 },
        { entity: "quiet-person", count: 1 },
      ],
      [...cards.values()],
    );
    expect(formatPageSummary({ title: "Page", url: "http://127.0.0.1/x" }, view.people)).toBe(
      [
        "# People and companies on “Page”",
        "",
        "<http://127.0.0.1/x>",
        "",
        "## Jane Roe (2 mentions)",
        "Acme CEO (“Headline One”, Pub, January 27, 2026)",
        "- “we must act” — Jane Roe, as quoted in “Headline One”, Pub, January 27, 2026",
        "- “we have to act” — Jane Roe, as quoted in “Headline Two”",
        "- Contract (article): Acme, ICE: no amount stated. Supplies cloud. Source: “Headline One”, Pub, January 27, 2026",
        "- Contract (further reporting): Acme, ICE, Widget, 2025: $30 million (reported). Builds widgets. Source: “ICE pays vendor”, WIRED, April 18, 2025",
        "",
        "## Quiet Person (1 mention)",
        "- Named as not having publicly commented (“Headline Two”)",
        "",
        "Compiled by Receipts from its bundled, sourced dataset.",
      ].join("\n"),
    );
  });

  it("cites a person's first role by each of its sources, and a planned purchase as no contract", () => {
    const dataset = structuredClone(miniDataset);
    const jane = dataset.entities.find((entity) => entity.id === "jane-roe")!;
    jane.roles.push(
      { text: "Acme CEO", source: "a2", excerpt: "Acme CEO Jane Roe" },
      { text: "Acme founder", source: "a2", excerpt: "Acme founder Jane Roe" },
    );
    const planned = dataset.contracts.find((contract) => contract.id === "acme-a1")!;
    planned.kind = "solicitation";
    planned.sources.push({ source: "a2", excerpt: "Acme supplies cloud" });
    const text = formatPageSummary({ title: "Page", url: "http://127.0.0.1/x" }, [
      { card: buildCards(dataset).get("jane-roe")!, count: 1 },
    ]);
    expect(text).toContain(
      "\nAcme CEO (“Headline One”, Pub, January 27, 2026; “Headline Two”)\n- “we must act”",
    );
    expect(text).not.toContain("Acme founder");
    expect(text).toContain(
      "- Planned solicitation, not a contract (article): Acme, ICE: no amount stated. Supplies cloud. Source: “Headline One”, Pub, January 27, 2026; “Headline Two”",
    );
  });

  it("says so when nobody from the dataset is on the page", () => {
    expect(formatPageSummary({ title: "Page", url: "http://127.0.0.1/x" }, [])).toBe(
      [
        "# People and companies on “Page”",
        "",
        "<http://127.0.0.1/x>",
        "",
        "Nobody from the Receipts dataset is mentioned on this page.",
        "Compiled by Receipts from its bundled, sourced dataset.",
      ].join("\n"),
    );
  });

  it("keeps disagreeing sources disagreeing in the summary: each side with its own source", () => {
    const view = summarizePage([{ entity: "acme", count: 2 }], [...cards.values()]);
    const text = formatPageSummary(
      { title: "Page", url: "http://127.0.0.1/x" },
      view.organizations,
    );
    expect(text).toContain(
      [
        "- Sources disagree: How many signed",
        "  - More than 450 (“Headline One”, Pub, January 27, 2026)",
        "  - More than eight hundred (“Headline Two”)",
      ].join("\n"),
    );
  });

  it("puts each event of the card's timeline in the summary, with its source", () => {
    const dataset = structuredClone(miniDataset);
    dataset.events.push({
      id: "e1",
      date: "January 27, 2026",
      what: "Acme staff signed the letter",
      entities: ["acme"],
      source: "a1",
      excerpt: "Acme staff signed",
    });
    const withEvent = buildCards(dataset);
    const view = summarizePage([{ entity: "acme", count: 1 }], [...withEvent.values()]);
    const text = formatPageSummary(
      { title: "Page", url: "http://127.0.0.1/x" },
      view.organizations,
    );
    expect(text).toContain(
      "- Timeline, as reported: January 27, 2026: Acme staff signed the letter (“Headline One”, Pub, January 27, 2026)",
    );
  });
});

describe("card details", () => {
  it("merges a role several articles word the same way, citing each", () => {
    const dataset = structuredClone(miniDataset);
    dataset.entities[1]!.roles.push({
      text: "Acme CEO",
      source: "a2",
      excerpt: "Acme CEO Jane Roe",
    });
    const card = buildCards(dataset).get("jane-roe")!;
    expect(card.roles).toEqual([
      {
        text: "Acme CEO",
        sources: [expect.objectContaining({ id: "a1" }), expect.objectContaining({ id: "a2" })],
      },
    ]);
  });

  it("cites a source once for a role it words the same way twice", () => {
    const dataset = structuredClone(miniDataset);
    dataset.entities[1]!.roles.push({ text: "Acme CEO", source: "a1", excerpt: "CEO Jane Roe" });
    const card = buildCards(dataset).get("jane-roe")!;
    expect(card.roles).toEqual([
      { text: "Acme CEO", sources: [expect.objectContaining({ id: "a1" })] },
    ]);
  });

  it("cuts a headline that is a whole first sentence at a word boundary", async () => {
    const { shortTitle, MAX_TITLE_LENGTH } = await import("../../../lib/cards/citation");
    const long =
      "Hundreds of employees across major tech firms are publicly urging their CEOs to denounce Immigration and Customs Enforcement";
    expect(shortTitle(long)).toBe(
      "Hundreds of employees across major tech firms are publicly urging their CEOs to denounce…",
    );
    expect(shortTitle("Short headline")).toBe("Short headline");
    // Whole up to the limit; past it, cut at the last space, without the comma before it.
    const atLimit = `${"a".repeat(45)} ${"b".repeat(MAX_TITLE_LENGTH - 46)}`;
    expect(shortTitle(atLimit)).toBe(atLimit);
    expect(shortTitle(`${atLimit}c`)).toBe(`${"a".repeat(45)}…`);
    expect(shortTitle(`${"w".repeat(50)}, ${"z".repeat(50)}`)).toBe(`${"w".repeat(50)}…`);
    // A title whose last space comes early is cut within its last word, not left a stub.
    const early = `${"x".repeat(30)} ${"y".repeat(70)}`;
    expect(shortTitle(early)).toBe(`${early.slice(0, MAX_TITLE_LENGTH)}…`);
  });

  it("cites further reporting by its outlet, date and address", async () => {
    const { formatSource } = await import("../../../lib/cards/citation");
    expect(
      formatSource({
        id: "outlet-2025",
        kind: "further-reporting",
        title: "A report",
        publisher: "Some Outlet",
        date: "April 2025",
        url: "https://outlet.example/report",
      }),
    ).toBe("“A report”, Some Outlet, April 2025, https://outlet.example/report");
  });
});

describe("what a card shows and counts", () => {
  const wider = buildCards(widerDataset());

  it("shows ICE contracts for a company and a person through their company, not for others", () => {
    expect(
      ["acme", "acme-cloud", "jane-roe", "agency", "victim", "quiet-person"].map(
        (id) => wider.get(id)!.showsContracts,
      ),
    ).toEqual([true, true, true, false, false, false]);
  });

  it("keeps a bid protest out of the contracts, and out of the page's contract total", () => {
    const acme = wider.get("acme")!;
    expect(acme.contracts.map((contract) => contract.id)).not.toContain("acme-protest");
    expect(acme.notContracts.map((protest) => protest.id)).toEqual(["acme-protest"]);
    const view = summarizePage([{ entity: "acme", count: 1 }], [...wider.values()]);
    expect(view.totals.contracts).toBe(3);
    expect(
      formatPageSummary({ title: "Page", url: "http://127.0.0.1/x" }, view.organizations),
    ).toContain("- Bid protest, not a contract (further reporting): Acme, ICE: no amount stated.");
  });

  it("orders contracts by layer, then by id, whatever the dataset's order", () => {
    const dataset = widerDataset();
    // An article fact whose id sorts after every further reporting's.
    dataset.contracts.push({
      ...dataset.contracts.find((contract) => contract.id === "acme-a1")!,
      id: "acme-z-article",
      agency: "ICE-HSI",
    });
    dataset.contracts.reverse();
    const contracts = buildCards(dataset).get("acme")!.contracts;
    expect(contracts.map((contract) => [contract.id, contract.agency])).toEqual([
      ["acme-a1", "ICE"],
      ["acme-z-article", "ICE-HSI"],
      ["acme-cloud-hosting", "ICE"],
      ["acme-wired", "ICE"],
    ]);
  });

  it("gives a parent the contracts of each of its parts", () => {
    const dataset = widerDataset();
    dataset.entities.push({
      ...dataset.entities.find((entity) => entity.id === "acme-cloud")!,
      id: "acme-labs",
      name: "Acme Labs",
    });
    dataset.contracts.push({
      ...dataset.contracts.find((contract) => contract.id === "acme-cloud-hosting")!,
      id: "acme-labs-research",
      vendor: "acme-labs",
    });
    const vendors = buildCards(dataset)
      .get("acme")!
      .contracts.map((contract) => contract.vendor.name);
    expect(vendors).toContain("Acme Cloud");
    expect(vendors).toContain("Acme Labs");
  });

  it("lists a person once in their company, and the company once on their card, whatever their roles", () => {
    const dataset = widerDataset();
    const jane = dataset.entities.find((entity) => entity.id === "jane-roe")!;
    jane.affiliations.push({
      organization: "acme",
      role: "founder",
      source: "a2",
      excerpt: "Acme founder Jane Roe",
    });
    const built = buildCards(dataset);
    expect(built.get("acme")!.members).toEqual([{ id: "jane-roe", name: "Jane Roe", role: "CEO" }]);
    expect(built.get("jane-roe")!.organizations).toEqual([
      { id: "acme", name: "Acme", role: "CEO" },
    ]);
    expect(built.get("jane-roe")!.contractsOf).toBe("Acme");
  });

  it("names a person's companies as the owners of the contracts listed, and no one else", () => {
    const dataset = widerDataset();
    const jane = dataset.entities.find((entity) => entity.id === "jane-roe")!;
    jane.affiliations.push(
      { organization: "agency", source: "a2", excerpt: "Jane Roe advised the Agency" },
      { organization: "acme-cloud", source: "a2", excerpt: "Acme Cloud chair Jane Roe" },
    );
    const built = buildCards(dataset);
    expect(built.get("jane-roe")!.contractsOf).toBe("Acme and Acme Cloud");
    // An organization's own contracts are its own, a part's included.
    expect(built.get("acme")!.contractsOf).toBeUndefined();
    expect(built.get("acme-cloud")!.contractsOf).toBeUndefined();
    expect(built.get("quiet-person")!.contractsOf).toBeUndefined();
  });

  it("gives a parent and its people the contracts of its parts, under the part's name", () => {
    const vendorsOf = (id: string) =>
      wider.get(id)!.contracts.map((contract) => [contract.id, contract.vendor.name]);
    expect(vendorsOf("acme")).toContainEqual(["acme-cloud-hosting", "Acme Cloud"]);
    expect(vendorsOf("jane-roe")).toContainEqual(["acme-cloud-hosting", "Acme Cloud"]);
    // Never the other way: the part's card does not take on its parent's contracts.
    expect(vendorsOf("acme-cloud")).toEqual([["acme-cloud-hosting", "Acme Cloud"]]);
    // A part is not one of the parent's people.
    expect(wider.get("acme")!.members.map((member) => member.id)).toEqual(["jane-roe"]);
  });

  it("says whether a person's surname marks alone, and keeps each event's own words", () => {
    expect(wider.get("victim")!.surnameAlone).toBe(true);
    expect(wider.get("jane-roe")!.surnameAlone).toBe(false);
    expect(wider.get("victim")!.events).toEqual([
      expect.objectContaining({
        what: "A vigil was held.",
        excerpt: "On Monday, hundreds held a vigil",
      }),
    ]);
    // An event is on the cards of the entities it names, no one else's.
    expect(wider.get("jane-roe")!.events).toEqual([]);
    expect(wider.get("acme")!.events).toEqual([]);
  });
});

describe("cards from the committed dataset", () => {
  const committed = buildCards(
    JSON.parse(
      readFileSync(resolve(import.meta.dirname, "../../../data/dataset.json"), "utf8"),
    ) as Dataset,
  );

  it("gives Amazon and Jeff Bezos the contracts of Amazon Web Services, under its name", () => {
    for (const id of ["amazon", "jeff-bezos"]) {
      const vendors = committed.get(id)!.contracts.map((contract) => contract.vendor.name);
      expect(vendors, id).toContain("Amazon Web Services");
    }
  });

  it("shows no contract section for the people killed, the agencies or the letter", () => {
    for (const id of [
      "renee-good",
      "alex-pretti",
      "ice",
      "dhs",
      "homeland-security-investigations",
      "iceout-tech",
    ]) {
      expect(committed.get(id)!.showsContracts, id).toBe(false);
    }
    expect(committed.get("tim-cook")!.showsContracts).toBe(true);
  });

  it("holds Oracle's protest as a bid protest, with no contract counted for it", () => {
    const oracle = committed.get("oracle")!;
    expect(oracle.notContracts.map((protest) => protest.id)).toEqual([
      "oracle-ice-cloud-protest-2021",
    ]);
    expect(oracle.contracts.map((contract) => contract.id)).not.toContain(
      "oracle-ice-cloud-protest-2021",
    );
    expect(committed.get("donald-trump")!.surnameAlone).toBe(true);
  });

  it("lists ICE's planned 2021 cloud purchase apart from Microsoft's contracts", () => {
    const microsoft = committed.get("microsoft")!;
    expect(microsoft.notContracts.map((fact) => fact.id)).toEqual(["microsoft-ice-cloud-2021"]);
    expect(microsoft.contracts.map((contract) => contract.id)).not.toContain(
      "microsoft-ice-cloud-2021",
    );
  });
});
