/** Sanity checks on what the committed dataset says (content, not format). */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Dataset, MatchIndex } from "../../../lib/dataset/types";

const DATA = resolve(import.meta.dirname, "../../../data");
const dataset = JSON.parse(readFileSync(join(DATA, "dataset.json"), "utf8")) as Dataset;
const matchIndex = JSON.parse(readFileSync(join(DATA, "match-index.json"), "utf8")) as MatchIndex;

const entity = (id: string) => dataset.entities.find((candidate) => candidate.id === id);
const articles = dataset.sources.filter((source) => source.kind === "article");
const furtherReportingIds = new Set(
  dataset.sources
    .filter((source) => source.kind === "further-reporting")
    .map((source) => source.id),
);

describe("dataset content", () => {
  it("has the five articles as sources, with ids from their file stems", () => {
    expect(articles.map((source) => source.id)).toEqual([
      "000_bfb5c102bb8fd280",
      "001_5d94d6a056478639",
      "002_ed79f64283e41cd2",
      "003_61093b3dc398094d",
      "004_551f6ed0ea2f772e",
    ]);
  });

  it("states publisher and date only where the article names them", () => {
    const byId = Object.fromEntries(articles.map((source) => [source.id, source]));
    expect(byId["000_bfb5c102bb8fd280"]).toMatchObject({ publisher: "TechAmerica.ai" });
    expect(byId["000_bfb5c102bb8fd280"]).not.toHaveProperty("date");
    expect(byId["002_ed79f64283e41cd2"]).toMatchObject({
      publisher: "LeadDev",
      date: "January 27, 2026",
    });
    for (const id of ["001_5d94d6a056478639", "003_61093b3dc398094d", "004_551f6ed0ea2f772e"]) {
      expect(byId[id]).not.toHaveProperty("publisher");
      expect(byId[id]).not.toHaveProperty("date");
    }
  });

  it("gives every article at least one quote or stance", () => {
    for (const article of articles) {
      const cited =
        dataset.quotes.some((quote) => quote.source === article.id) ||
        dataset.stances.some((stance) => stance.source === article.id);
      expect(cited, article.id).toBe(true);
    }
  });

  it("has the letter as an organization that speaks, in four of the articles", () => {
    expect(entity("iceout-tech")).toMatchObject({ kind: "organization", category: "letter" });
    const letterSources = new Set(
      dataset.quotes
        .filter((quote) => quote.speaker === "iceout-tech")
        .map((quote) => quote.source),
    );
    expect([...letterSources].sort()).toEqual([
      "000_bfb5c102bb8fd280",
      "002_ed79f64283e41cd2",
      "003_61093b3dc398094d",
      "004_551f6ed0ea2f772e",
    ]);
  });

  it("matches the letter's printed forms in any case", () => {
    const aliases = entity("iceout-tech")!.aliases;
    expect(aliases.map((alias) => alias.text)).toEqual([
      "IceOut.Tech",
      "ICEout.Tech",
      "ICEout.tech",
    ]);
    expect(aliases.every((alias) => alias.case === "any")).toBe(true);
  });

  it("holds both people who were killed", () => {
    expect(entity("renee-good")).toMatchObject({ kind: "person", category: "victim" });
    expect(entity("alex-pretti")).toMatchObject({ kind: "person", category: "victim" });
    expect(entity("renee-good")!.aliases.map((alias) => alias.text)).toContain("Renée Good");
  });

  it("never states an amount for Oracle", () => {
    const oracle = dataset.contracts.filter((contract) => contract.vendor === "oracle");
    expect(oracle.length).toBeGreaterThan(0);
    expect(oracle.filter((contract) => contract.amount !== undefined)).toEqual([]);
  });

  it("cites further reporting, without excerpts, for every further-reporting contract", () => {
    const further = dataset.contracts.filter((contract) => contract.layer === "further-reporting");
    expect(further.length).toBeGreaterThan(0);
    for (const contract of further) {
      for (const fact of contract.sources) {
        expect(furtherReportingIds.has(fact.source), contract.id).toBe(true);
        expect(fact.excerpt, contract.id).toBeUndefined();
      }
    }
  });

  it("keeps the Palantir figures of different sources apart", () => {
    const amounts = dataset.contracts
      .filter(
        (contract) =>
          contract.vendor === "palantir" && contract.program?.startsWith("ImmigrationOS"),
      )
      .map((contract) => contract.amount?.text);
    expect(amounts).toEqual(
      expect.arrayContaining(["$30 million", "roughly $30 million", "$29.8 million"]),
    );
  });

  it("keeps the Clearview 2025 figures ($9.2 million vs up to $10 million) as separate entries", () => {
    const clearview = dataset.contracts.filter((contract) => contract.vendor === "clearview-ai");
    expect(clearview.map((contract) => contract.amount?.text)).toEqual(
      expect.arrayContaining(["$9.2 million", "up to $10 million"]),
    );
  });

  it("records the known disagreements with each side sourced", () => {
    const conflict = (id: string) => dataset.conflicts.find((candidate) => candidate.id === id)!;
    const claims = (id: string) => conflict(id).sides.map((side) => side.claim);
    expect(claims("number-of-signatories")).toEqual(
      expect.arrayContaining(["More than 450", expect.stringMatching(/^More than eight hundred/)]),
    );
    expect(claims("who-shot-alex-pretti")).toEqual(
      expect.arrayContaining(["Border Patrol agents", "ICE agents"]),
    );
    expect(claims("date-of-alex-pretti-killing")).toEqual([
      "January 24, 2026",
      "The thirteenth of January",
    ]);
    expect(conflict("who-shot-alex-pretti").entities).toContain("alex-pretti");
    expect(conflict("number-of-signatories").entities).toContain("iceout-tech");
  });

  it("groups the different wordings of one statement, the lead first, then in source order", () => {
    const statement = (id: string) => dataset.statements.find((candidate) => candidate.id === id)!;
    const sourcesOf = (id: string) =>
      statement(id).quotes.map(
        (quoteId) => dataset.quotes.find((quote) => quote.id === quoteId)!.source,
      );
    expect(sourcesOf("whittaker-executing-people")).toEqual([
      "002_ed79f64283e41cd2",
      "000_bfb5c102bb8fd280",
    ]);
    expect(sourcesOf("amodei-democratic-values")).toEqual([
      "000_bfb5c102bb8fd280",
      "002_ed79f64283e41cd2",
      "003_61093b3dc398094d",
    ]);
    expect(sourcesOf("dyett-wealth-tax")).toEqual(["003_61093b3dc398094d", "000_bfb5c102bb8fd280"]);
    expect(sourcesOf("letter-tech-leverage")).toEqual([
      "004_551f6ed0ea2f772e",
      "000_bfb5c102bb8fd280",
      "002_ed79f64283e41cd2",
    ]);
  });

  it("leads with the speaker's own words in full: the embedded post, the letter as printed", () => {
    const lead = (id: string) => {
      const quoteId = dataset.statements.find((candidate) => candidate.id === id)!.quotes[0];
      return dataset.quotes.find((quote) => quote.id === quoteId)!;
    };
    expect(lead("khosla-macho-ice-vigilantes").id).toBe("khosla-000-tweet");
    expect(lead("musk-pure-evil").text).toBe(
      "Anti-ICE protestors protecting convicted child molesters is pure evil",
    );
    for (const id of [
      "letter-for-months",
      "letter-minneapolis-to-chicago",
      "letter-tech-leverage",
      "letter-national-guard",
      "letter-proud-to-work-in-tech",
    ]) {
      expect(lead(id).source, id).toBe("004_551f6ed0ea2f772e");
    }
    for (const statement of dataset.statements) {
      const leads = statement.quotes.filter(
        (quoteId) => dataset.quotes.find((quote) => quote.id === quoteId)!.lead,
      );
      expect(leads, statement.id).toEqual(
        statement.quotes.length > 1 ? [statement.quotes[0]] : leads,
      );
    }
  });

  it("keeps 003's “petition” sentences apart from the letter's, with a note that it is unnamed", () => {
    const fromArticle003 = dataset.quotes.filter(
      (quote) => quote.speaker === "iceout-tech" && quote.source === "003_61093b3dc398094d",
    );
    expect(fromArticle003.map((quote) => quote.id).sort()).toEqual([
      "letter-003-go-further",
      "letter-003-leverage",
    ]);
    for (const quote of fromArticle003) {
      expect(quote.statement).not.toBe("letter-tech-leverage");
      expect(quote.context.note, quote.id).toMatch(/never names IceOut\.Tech/);
    }
  });

  it("gives 000's two accounts of the letter's demands, its word “falsely” quoted as its own", () => {
    const sides = dataset.conflicts
      .find((candidate) => candidate.id === "letter-demands")!
      .sides.filter((side) => side.source === "000_bfb5c102bb8fd280");
    expect(sides.map((side) => side.excerpt)).toEqual([
      expect.stringContaining(
        "demand that U.S. Immigration and Customs Enforcement (ICE) withdraw",
      ),
      expect.stringContaining("The letter falsely calls on technology companies"),
    ]);
    expect(sides[1]!.claim).toContain(
      "in the article's words, the letter “falsely calls on technology companies",
    );
    // The disagreement stands: 001 has contracts reviewed, the others have them cancelled.
    const claims = dataset.conflicts.find((candidate) => candidate.id === "letter-demands")!.sides;
    expect(claims.find((side) => side.source === "001_5d94d6a056478639")!.claim).toContain(
      "transparent reviews of contracts",
    );
  });

  it("marks every 003 fact about the letter as the article's “petition”, never named", () => {
    const about003 = [
      ...dataset.stances
        .filter((stance) => stance.entity === "iceout-tech" && stance.source.startsWith("003"))
        .map((stance) => stance.summary),
      ...dataset.conflicts
        .filter((conflict) => conflict.entities.includes("iceout-tech"))
        .flatMap((conflict) => conflict.sides)
        .filter((side) => side.source.startsWith("003"))
        .map((side) => side.claim),
    ];
    expect(about003.length).toBeGreaterThan(0);
    for (const text of about003) expect(text).toMatch(/never names IceOut\.Tech/);
  });

  it("says what Musk posted, in his words", () => {
    const event = dataset.events.find((candidate) => candidate.id === "musk-post-pure-evil")!;
    expect(event.what).toContain(
      "“Anti-ICE protestors protecting convicted child molesters is pure evil”",
    );
  });

  it("states each further-reporting contract as the research does", () => {
    const contract = (id: string) => dataset.contracts.find((candidate) => candidate.id === id)!;
    const caseManagement = contract("palantir-investigative-case-management-wired");
    expect(caseManagement.amount?.text).toBe("initially about $17 million");
    expect(caseManagement.description).toContain("modified several times");
    // "bought … for $224,000": a reported sum, not an obligation the source states.
    expect(contract("clearview-ai-licenses-2020").amount?.kind).toBe("reported");
    // October 2018 is when Mijente reported it, not when the hosting began.
    expect(contract("amazon-web-services-dhs-databases-2018").date).toBe("reported October 2018");
  });

  it("holds the 2021 cloud solicitation and Oracle's bid protest as what they are, not contracts", () => {
    expect(
      Object.fromEntries(
        dataset.contracts
          .filter((contract) => contract.kind !== "contract")
          .map((contract) => [contract.id, contract.kind]),
      ),
    ).toEqual({
      "amazon-web-services-ice-cloud-2021": "solicitation",
      "microsoft-ice-cloud-2021": "solicitation",
      "oracle-ice-cloud-protest-2021": "bid-protest",
    });
  });

  it("gives brand aliases to organizations only, as the card's why-line says", () => {
    const brandHolders = dataset.entities.filter((entity) =>
      entity.aliases.some((alias) => alias.how === "brand"),
    );
    expect(brandHolders.length).toBeGreaterThan(0);
    expect(brandHolders.filter((entity) => entity.kind !== "organization")).toEqual([]);
  });

  it("links Amazon Web Services to Amazon, on the strength of its printed name", () => {
    expect(entity("amazon-web-services")!.affiliations).toEqual([
      expect.objectContaining({
        organization: "amazon",
        excerpt: expect.stringContaining("Amazon Web Services"),
      }),
    ]);
  });

  it("links the timeline to the people it is about", () => {
    const aboutPretti = dataset.events.filter((event) => event.entities?.includes("alex-pretti"));
    expect(aboutPretti.map((event) => event.date)).toEqual(
      expect.arrayContaining(["January 24, 2026", "the thirteenth of January"]),
    );
  });

  it("quotes the embedded posts of Khosla and Musk", () => {
    const quote = (id: string) => dataset.quotes.find((candidate) => candidate.id === id)!;
    expect(quote("khosla-000-tweet")).toMatchObject({
      speaker: "vinod-khosla",
      context: { when: "January 26, 2026" },
    });
    expect(quote("musk-000-tweet")).toMatchObject({
      speaker: "elon-musk",
      context: { when: "January 19, 2026" },
    });
  });

  it("never names the anonymous Google DeepMind researcher, and never marks them", () => {
    const researcher = entity("google-deepmind-researcher")!;
    expect(researcher.aliases).toEqual([]);
    expect(researcher.name).toMatch(/^Unnamed /);
    expect(matchIndex.entities.some((candidate) => candidate.id === researcher.id)).toBe(false);
  });

  it("declares the Brockman surname shared on both", () => {
    const brockman = (id: string) => entity(id)!.aliases.find((alias) => alias.text === "Brockman");
    expect(brockman("greg-brockman")).toMatchObject({
      how: "surname",
      sharedWith: ["anna-brockman"],
    });
    expect(brockman("anna-brockman")).toMatchObject({
      how: "surname",
      sharedWith: ["greg-brockman"],
    });
  });

  it("follows the alias policy for ordinary-word names and ICE", () => {
    const how = (id: string, text: string) =>
      entity(id)!.aliases.find((alias) => alias.text === text)?.how;
    for (const [id, text] of [
      ["apple", "Apple"],
      ["amazon", "Amazon"],
      ["oracle", "Oracle"],
      ["meta", "Meta"],
      ["signal", "Signal"],
      ["zoom", "Zoom"],
      ["chef", "Chef"],
      ["ice", "ICE"],
    ] as const) {
      expect(how(id, text), text).toBe("brand");
    }
    expect(how("palantir", "Palantir")).toBe("full");
    expect(how("amazon-web-services", "AWS")).toBe("alias");
    expect(how("tim-cook", "Cook")).toBe("surname");
    expect(how("renee-good", "Good")).toBe("surname");
    expect(entity("ice")!.aliases.find((alias) => alias.text === "ICE")!.case).toBe("as-written");
  });

  it("uses neutral wording for people named as not having spoken", () => {
    const notSpoken = dataset.stances.filter((stance) => stance.kind === "not-spoken");
    expect(notSpoken.length).toBeGreaterThan(0);
    for (const stance of notSpoken)
      expect(stance.summary, stance.id).toMatch(/^Named in the article/);
  });

  it("has every list sorted by id", () => {
    for (const list of [
      dataset.sources,
      dataset.entities,
      dataset.quotes,
      dataset.statements,
      dataset.contracts,
      dataset.stances,
      dataset.events,
      dataset.conflicts,
      matchIndex.entities,
    ]) {
      const ids = list.map((item) => item.id);
      expect(ids).toEqual([...ids].sort());
    }
  });
});

describe("match index", () => {
  it("carries only what matching needs", () => {
    for (const candidate of matchIndex.entities) {
      expect(Object.keys(candidate).sort()).toEqual(["aliases", "id", "markMode", "name"]);
    }
  });

  it("holds every entity that has a printed name", () => {
    const named = dataset.entities
      .filter((candidate) => candidate.aliases.length > 0)
      .map((e) => e.id);
    expect(matchIndex.entities.map((candidate) => candidate.id)).toEqual(named);
  });
});
