/** One test per failure mode: each names the file, the entry and what is wrong. */
import { describe, expect, it } from "vitest";
import { compileDataset } from "../../../lib/dataset/compile";
import { VALID_FILES, articles, curatedFiles, edit } from "./fixture";

function errorsFor(overrides: Record<string, string>): string[] {
  const result = compileDataset(curatedFiles(overrides), articles());
  if (result.ok) throw new Error("expected the compile to fail");
  return result.errors;
}

/** One edit of one curated file, and every error the compile must give for it, in order. */
interface EditCase {
  name: string;
  file: string;
  from: string;
  to: string;
  errors: string[];
}

/** A test per case, named by it: the table's cases share a shape, not what they check. */
function itRejectsEach(cases: readonly EditCase[]): void {
  for (const { name, file, from, to, errors } of cases) {
    it(name, () => {
      expect(errorsFor(edit(file, from, to))).toEqual(errors);
    });
  }
}

describe("compileDataset on valid files", () => {
  it("compiles the fixture without errors", () => {
    const result = compileDataset(curatedFiles(), articles());
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});

describe("compileDataset: what an entry may leave out", () => {
  it("fills in the defaults", () => {
    const result = compileDataset(
      curatedFiles(
        edit(
          "entities.yaml",
          "  aliases:\n    - { text: Tim Cook, how: full }\n    - { text: Cook, how: surname }\n",
          "",
        ),
      ),
      articles(),
    );
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const entity = (id: string) => result.dataset.entities.find((entry) => entry.id === id);
    expect(entity("tim-cook")).toMatchObject({
      roles: [],
      affiliations: [],
      aliases: [],
      markMode: "every",
    });
    expect(entity("signal")!.aliases).toEqual([
      { text: "Signal", how: "brand", case: "as-written" },
    ]);
    expect(result.dataset.contracts.map((contract) => contract.kind)).toEqual([
      "contract",
      "contract",
    ]);
  });
});

describe("compileDataset: verbatim text", () => {
  it("rejects a quote whose text is not in its article", () => {
    const errors = errorsFor(
      edit(
        "quotes.yaml",
        "text: find the courage to stand up.",
        "text: find the courage to speak up.",
      ),
    );
    expect(errors).toContain(
      'data/quotes.yaml: quote "whittaker-000-courage": text not found verbatim in articles/000_test.txt',
    );
  });

  it("does not straighten typographic quotation marks", () => {
    const errors = errorsFor(
      edit(
        "quotes.yaml",
        "adding that leaders should “find the courage to stand up.”",
        'adding that leaders should "find the courage to stand up."',
      ),
    );
    expect(errors).toEqual([
      'data/quotes.yaml: quote "whittaker-000-courage": excerpt not found verbatim in articles/000_test.txt',
    ]);
  });

  it("does not ignore case", () => {
    const errors = errorsFor(
      edit(
        "quotes.yaml",
        "text: executing people in the streets",
        "text: Executing people in the streets",
      ),
    );
    expect(errors).toEqual([
      'data/quotes.yaml: quote "whittaker-000-executing": text not found verbatim in articles/000_test.txt',
    ]);
  });

  it("collapses runs of whitespace, and nothing else", () => {
    // The article breaks the line after “streets,”; the excerpt may wrap differently.
    const result = compileDataset(
      curatedFiles(
        edit(
          "quotes.yaml",
          "excerpt: Signal president Meredith Whittaker said masked agents are “executing people in the streets,”",
          "excerpt: >-\n    Signal president   Meredith Whittaker\n    said masked agents are “executing people in the streets,” adding",
        ),
      ),
      articles(),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  // Text the article does not hold where the entry says it does: each error names the file, the
  // entry and the field.
  const verbatimCases: EditCase[] = [
    {
      name: "rejects a quote whose text is not inside its excerpt",
      file: "quotes.yaml",
      from: "excerpt: Signal president Meredith Whittaker said masked agents are “executing people in the streets,”",
      to: "excerpt: Apple CEO Tim Cook has not commented.",
      errors: ['data/quotes.yaml: quote "whittaker-000-executing": text is not in its excerpt'],
    },
    {
      name: "rejects a stance excerpt that is not in its article",
      file: "stances.yaml",
      from: "excerpt: Apple CEO Tim Cook has not commented.",
      to: "excerpt: Tim Cook declined to comment.",
      errors: [
        'data/stances.yaml: stance "tim-cook-not-spoken": excerpt not found verbatim in articles/000_test.txt',
      ],
    },
    {
      name: "rejects a role that is not in its excerpt",
      file: "entities.yaml",
      from: "- text: Signal president",
      to: "- text: Signal CEO",
      errors: [
        'data/entities.yaml: entity "meredith-whittaker": roles[0]: role "Signal CEO" is not in its excerpt',
      ],
    },
    {
      name: "rejects an event whose date is not in its excerpt",
      file: "events.yaml",
      from: "date: January 7, 2026",
      to: "date: January 8, 2026",
      errors: [
        'data/events.yaml: event "letter-signed": date "January 8, 2026" is not in its excerpt',
      ],
    },
    {
      name: "rejects a conflict side whose excerpt is not in its article",
      file: "conflicts.yaml",
      from: "excerpt: Another outlet counted more than eight hundred.",
      to: "excerpt: Eight hundred signed.",
      errors: [
        'data/conflicts.yaml: conflict "number-of-signatories": sides[1]: excerpt not found verbatim in articles/000_test.txt',
      ],
    },
    {
      name: "rejects an article headline the article does not print",
      file: "sources.yaml",
      from: "headline: Tech Workers Speak Out",
      to: "headline: Tech Workers Rise",
      errors: [
        'data/sources.yaml: source "000_test": headline not found verbatim in articles/000_test.txt',
      ],
    },
  ];
  itRejectsEach(verbatimCases);

  it.each(["publisher: The Daily", "date: January 8, 2026"])(
    "rejects an article source with a %s the article does not print",
    (line) => {
      const errors = errorsFor(
        edit(
          "sources.yaml",
          "headline: Tech Workers Speak Out",
          `headline: Tech Workers Speak Out\n  ${line}`,
        ),
      );
      const field = line.slice(0, line.indexOf(":"));
      expect(errors).toEqual([
        `data/sources.yaml: source "000_test": ${field} not found verbatim in articles/000_test.txt`,
      ]);
    },
  );

  it("rejects a role whose excerpt is not in its article, and checks the role no further", () => {
    const errors = errorsFor(
      edit(
        "entities.yaml",
        "excerpt: Signal president Meredith Whittaker said",
        "excerpt: Signal chair Meredith Whittaker said",
      ),
    );
    expect(errors).toEqual([
      'data/entities.yaml: entity "meredith-whittaker": roles[0]: excerpt not found verbatim in articles/000_test.txt',
    ]);
  });

  it("rejects an affiliation role that is not in its excerpt", () => {
    const errors = errorsFor(edit("entities.yaml", "role: president", "role: chair"));
    expect(errors).toEqual([
      'data/entities.yaml: entity "meredith-whittaker": affiliations[0]: role "chair" is not in its excerpt',
    ]);
  });

  it("accepts an article-layer amount that one of its excerpts states", () => {
    const result = compileDataset(
      curatedFiles(
        edit(
          "contracts.yaml",
          "      excerpt: Palantir was awarded a $30 million contract last year.\n",
          "      excerpt: Palantir was awarded a $30 million contract last year.\n" +
            "    - source: 000_test\n      excerpt: Another outlet counted more than eight hundred.\n",
        ),
      ),
      articles(),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("rejects an article-layer amount that its excerpts do not state", () => {
    const errors = errorsFor(
      edit(
        "contracts.yaml",
        "{ text: $30 million, kind: reported }",
        "{ text: $31 million, kind: reported }",
      ),
    );
    expect(errors).toEqual([
      'data/contracts.yaml: contract "palantir-article": amount "$31 million" is not in any of its excerpts',
    ]);
  });
});

describe("compileDataset: references", () => {
  // An id that names nothing, or the wrong kind of thing: each error names the file and the entry.
  const referenceCases: EditCase[] = [
    {
      name: "rejects an unknown speaker",
      file: "quotes.yaml",
      from: "speaker: meredith-whittaker\n  text: find",
      to: "speaker: meredith-whitaker\n  text: find",
      errors: [
        'data/quotes.yaml: quote "whittaker-000-courage": speaker "meredith-whitaker" does not exist',
      ],
    },
    {
      name: "rejects an unknown source",
      file: "stances.yaml",
      from: "source: 000_test",
      to: "source: 009_test",
      errors: ['data/stances.yaml: stance "tim-cook-not-spoken": source "009_test" does not exist'],
    },
    {
      name: "rejects an unknown stance entity",
      file: "stances.yaml",
      from: "entity: tim-cook",
      to: "entity: tim-cooke",
      errors: [
        'data/stances.yaml: stance "tim-cook-not-spoken": entity "tim-cooke" does not exist',
      ],
    },
    {
      name: "rejects an unknown contract vendor",
      file: "contracts.yaml",
      from: "vendor: palantir\n  agency: ICE\n  description: A contract.",
      to: "vendor: palantir-technologies\n  agency: ICE\n  description: A contract.",
      errors: [
        'data/contracts.yaml: contract "palantir-article": vendor "palantir-technologies" does not exist',
      ],
    },
    {
      name: "rejects an affiliation with an unknown organization",
      file: "entities.yaml",
      from: "organization: signal",
      to: "organization: signal-foundation",
      errors: [
        'data/entities.yaml: entity "meredith-whittaker": affiliations[0]: organization "signal-foundation" does not exist',
      ],
    },
    {
      name: "rejects an affiliation with a person rather than an organization",
      file: "entities.yaml",
      from: "organization: signal",
      to: "organization: tim-cook",
      errors: [
        'data/entities.yaml: entity "meredith-whittaker": affiliations[0]: "tim-cook" is not an organization',
      ],
    },
    {
      name: "rejects a contract whose vendor is a person",
      file: "contracts.yaml",
      from: "- id: palantir-article\n  vendor: palantir",
      to: "- id: palantir-article\n  vendor: tim-cook",
      errors: [
        'data/contracts.yaml: contract "palantir-article": vendor "tim-cook" is not an organization',
      ],
    },
    {
      name: "rejects an unknown source of a further-reporting contract",
      file: "contracts.yaml",
      from: "    - source: outlet-2025",
      to: "    - source: outlet-2099",
      errors: [
        'data/contracts.yaml: contract "palantir-further": sources[0]: source "outlet-2099" does not exist',
      ],
    },
    {
      name: "rejects an unknown conflict entity",
      file: "conflicts.yaml",
      from: "entities: [iceout-tech]",
      to: "entities: [ice-out-tech]",
      errors: [
        'data/conflicts.yaml: conflict "number-of-signatories": entity "ice-out-tech" does not exist',
      ],
    },
    {
      name: "rejects an unknown event entity",
      file: "events.yaml",
      from: "what: The letter was signed.",
      to: "what: The letter was signed.\n  entities: [ice-out]",
      errors: ['data/events.yaml: event "letter-signed": entity "ice-out" does not exist'],
    },
  ];
  itRejectsEach(referenceCases);

  it("rejects a statement shared by two speakers", () => {
    const other = errorsFor({
      "quotes.yaml": `${edit("quotes.yaml", "statement: whittaker-executing", "statement: whittaker-courage")["quotes.yaml"]}
- id: cook-000-comment
  speaker: tim-cook
  text: has not commented.
  source: 000_test
  statement: whittaker-courage
  excerpt: Apple CEO Tim Cook has not commented.
`,
    });
    expect(other).toEqual([
      'data/quotes.yaml: quote "cook-000-comment": statement "whittaker-courage" belongs to speaker "meredith-whittaker", not "tim-cook"',
    ]);
  });

  it("wants exactly one lead on a statement reported in several wordings", () => {
    const secondVersion = `
- id: whittaker-000-courage-again
  speaker: meredith-whittaker
  text: find the courage
  source: 000_test
  statement: whittaker-courage
  excerpt: adding that leaders should “find the courage to stand up.”
`;
    const withoutLead = errorsFor({
      "quotes.yaml": `${VALID_FILES["quotes.yaml"]}${secondVersion}`,
    });
    expect(withoutLead).toEqual([
      'data/quotes.yaml: quote "whittaker-000-courage": statement "whittaker-courage" has 2 versions and 0 marked lead: true (exactly one: the speaker\'s own words in full where an article prints them)',
    ]);
    const twoLeads = errorsFor({
      "quotes.yaml": `${VALID_FILES["quotes.yaml"]}${secondVersion}  lead: true\n`.replace(
        "statement: whittaker-courage\n",
        "statement: whittaker-courage\n  lead: true\n",
      ),
    });
    expect(twoLeads).toEqual([
      'data/quotes.yaml: quote "whittaker-000-courage-again": statement "whittaker-courage" has 2 versions and 2 marked lead: true (exactly one: the speaker\'s own words in full where an article prints them)',
    ]);
  });

  it("puts the lead first in its statement, whatever its article", () => {
    const result = compileDataset(
      curatedFiles({
        "quotes.yaml": `${VALID_FILES["quotes.yaml"]}
- id: whittaker-000-courage-again
  speaker: meredith-whittaker
  text: find the courage
  source: 000_test
  statement: whittaker-courage
  lead: true
  excerpt: adding that leaders should “find the courage to stand up.”
`,
      }),
      articles(),
    );
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.dataset.statements.find((s) => s.id === "whittaker-courage")!.quotes).toEqual([
      "whittaker-000-courage-again",
      "whittaker-000-courage",
    ]);
  });

  it("lists a statement's other versions in their article's order, not by id", () => {
    const result = compileDataset(
      curatedFiles({
        "quotes.yaml": `${VALID_FILES["quotes.yaml"]}
- id: whittaker-000-courage-again
  speaker: meredith-whittaker
  text: find the courage
  source: 000_test
  statement: whittaker-courage
  lead: true
  excerpt: adding that leaders should “find the courage to stand up.”
- id: whittaker-000-z-leaders
  speaker: meredith-whittaker
  text: leaders should
  source: 000_test
  statement: whittaker-courage
  excerpt: adding that leaders should “find the courage to stand up.”
`,
      }),
      articles(),
    );
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.dataset.statements.find((s) => s.id === "whittaker-courage")!.quotes).toEqual([
      "whittaker-000-courage-again",
      "whittaker-000-z-leaders",
      "whittaker-000-courage",
    ]);
  });

  it("rejects words a summary quotes that its excerpt does not hold", () => {
    const errors = errorsFor({
      ...edit("events.yaml", "what: The letter was signed.", "what: The letter was “signed”."),
      ...edit(
        "stances.yaml",
        "summary: Named in the article as not having commented.",
        "summary: Named in the article as having “declined to comment”.",
      ),
      ...edit("conflicts.yaml", "claim: More than 450", "claim: “More than 450 workers”"),
    });
    expect(errors).toEqual([
      'data/stances.yaml: stance "tim-cook-not-spoken": summary: quoted words "declined to comment" is not in its excerpt',
      'data/events.yaml: event "letter-signed": what: quoted words "signed" is not in its excerpt',
      'data/conflicts.yaml: conflict "number-of-signatories": sides[0]: claim: quoted words "More than 450 workers" is not in its excerpt',
    ]);
  });

  // An empty text is in every excerpt: it is found nowhere instead.
  it("rejects a summary that quotes nothing but a space", () => {
    const errors = errorsFor(
      edit(
        "stances.yaml",
        "summary: Named in the article as not having commented.",
        "summary: Named “ ” in the article.",
      ),
    );
    expect(errors).toEqual([
      'data/stances.yaml: stance "tim-cook-not-spoken": summary: quoted words " " is not in its excerpt',
    ]);
  });

  it("accepts words a summary quotes from its excerpt", () => {
    const result = compileDataset(
      curatedFiles(
        edit(
          "stances.yaml",
          "summary: Named in the article as not having commented.",
          "summary: Named in the article as one who “has not commented”.",
        ),
      ),
      articles(),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("rejects an article whose source entry is missing", () => {
    const result = compileDataset(curatedFiles(), [
      ...articles(),
      { file: "articles/001_other.txt", text: "Another article." },
    ]);
    expect(result.ok ? [] : result.errors).toEqual([
      "data/sources.yaml: article articles/001_other.txt has no source entry",
    ]);
  });

  // Reported at the source entry: the facts that cite it are not told it is further reporting.
  it("rejects an article source whose file is not one of the articles", () => {
    const errors = errorsFor(
      edit("sources.yaml", "file: articles/000_test.txt", "file: articles/001_test.txt"),
    );
    expect(errors).toEqual([
      'data/sources.yaml: source "000_test": file articles/001_test.txt is not one of the articles',
      "data/sources.yaml: article articles/000_test.txt has no source entry",
    ]);
  });

  it("rejects an article source whose id is not its file stem", () => {
    const errors = errorsFor(edit("sources.yaml", "- id: 000_test", "- id: 000-test"));
    expect(errors).toContain(
      'data/sources.yaml: source "000-test": id must be the file stem "000_test"',
    );
  });
});

describe("compileDataset: entities", () => {
  it("rejects an entity that no sourced fact is about", () => {
    const errors = errorsFor(edit("stances.yaml", "entity: tim-cook", "entity: signal"));
    expect(errors).toEqual([
      'data/entities.yaml: entity "tim-cook": no sourced fact is about it (add a role, quote, stance, contract, event or conflict)',
    ]);
  });
});

describe("compileDataset: ids", () => {
  it("rejects a duplicate id within one kind", () => {
    const errors = errorsFor(
      edit("quotes.yaml", "- id: whittaker-000-executing", "- id: whittaker-000-courage"),
    );
    expect(errors).toEqual(['data/quotes.yaml: quote "whittaker-000-courage": duplicate id']);
  });

  it.each([
    ["sources.yaml", "source", ["000_test", "outlet-2025"]],
    [
      "entities.yaml",
      "entity",
      ["meredith-whittaker", "tim-cook", "signal", "palantir", "iceout-tech"],
    ],
    ["contracts.yaml", "contract", ["palantir-article", "palantir-further"]],
    ["stances.yaml", "stance", ["tim-cook-not-spoken"]],
    ["events.yaml", "event", ["letter-signed"]],
    ["conflicts.yaml", "conflict", ["number-of-signatories"]],
  ])("rejects each duplicate id in %s, naming the kind", (file, word, ids) => {
    const errors = errorsFor({ [file]: VALID_FILES[file]!.repeat(2) });
    expect(errors).toEqual(ids.map((id) => `data/${file}: ${word} "${id}": duplicate id`));
  });

  // An entry that fails its schema is reported once: what cites it does not also say it is missing.
  it.each([
    ["entities.yaml", "meredith-whittaker"],
    ["entities.yaml", "tim-cook"],
    ["entities.yaml", "signal"],
    ["entities.yaml", "palantir"],
    ["entities.yaml", "iceout-tech"],
    ["sources.yaml", "outlet-2025"],
  ])("reports an entry of %s that fails its schema (%s) once", (file, id) => {
    const errors = errorsFor(edit(file, `- id: ${id}\n`, `- id: ${id}\n  typo: x\n`));
    const word = file === "sources.yaml" ? "source" : "entity";
    expect(errors).toEqual([`data/${file}: ${word} "${id}": Unrecognized key: "typo"`]);
  });

  it("keeps the first of two entries with one id, and checks the other no further", () => {
    const stances = VALID_FILES["stances.yaml"]!;
    const errors = errorsFor({
      "stances.yaml": stances + stances.replace("has not commented.", "has commented."),
    });
    expect(errors).toEqual(['data/stances.yaml: stance "tim-cook-not-spoken": duplicate id']);
  });

  it("reports an article source that fails its schema once, not at each fact citing it", () => {
    const errors = errorsFor(
      edit("sources.yaml", "- id: 000_test\n", "- id: 000_test\n  typo: x\n"),
    );
    expect(errors).toEqual([
      'data/sources.yaml: source "000_test": Unrecognized key: "typo"',
      "data/sources.yaml: article articles/000_test.txt has no source entry",
    ]);
  });

  it.each(["Tim_Cook", "tim-cook!"])("rejects an id that is not kebab-case: %s", (id) => {
    const errors = errorsFor(edit("entities.yaml", "- id: tim-cook", `- id: ${id}`));
    expect(errors).toContain(
      `data/entities.yaml: entity "${id}": id: id must be kebab-case, e.g. tim-cook`,
    );
  });

  it.each(["-outlet-2025", "outlet-2025!"])("rejects a source id that is not one: %s", (id) => {
    const errors = errorsFor(edit("sources.yaml", "- id: outlet-2025", `- id: "${id}"`));
    expect(errors).toContain(
      `data/sources.yaml: source "${id}": id: source id must be lowercase letters, digits, - and _`,
    );
  });
});

describe("compileDataset: aliases", () => {
  const greg = `
- id: greg-brockman
  name: Greg Brockman
  kind: person
  category: tech-leader
  roles:
    - { text: OpenAI president, source: 000_test, excerpt: OpenAI president Greg Brockman }
  aliases:
    - { text: Greg Brockman, how: full }
    - { text: Brockman, how: surname, sharedWith: [anna-brockman] }`;
  const anna = (sharedWith: string) => `
- id: anna-brockman
  name: Anna Brockman
  kind: person
  category: donor
  roles:
    - { text: donors, source: 000_test, excerpt: "Anna Brockman, are donors." }
  aliases:
    - { text: Anna Brockman, how: full }
    - { text: Brockman, how: surname${sharedWith} }`;
  const withEntities = (extra: string) => ({
    "entities.yaml": `${curatedFiles()[1]!.text}${extra}\n`,
  });

  it("accepts a surname declared shared on both entities", () => {
    const result = compileDataset(
      curatedFiles(withEntities(greg + anna(", sharedWith: [greg-brockman]"))),
      articles(),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("rejects a shared surname declared on only one entity", () => {
    const errors = errorsFor(withEntities(greg + anna("")));
    expect(errors).toEqual([
      'data/entities.yaml: entity "anna-brockman": alias "Brockman" also belongs to entity "greg-brockman" (declare sharedWith on both, or remove one)',
    ]);
  });

  it("rejects alias text on two entities, whatever its case", () => {
    const errors = errorsFor(
      edit(
        "entities.yaml",
        "- { text: Signal, how: brand }",
        "- { text: Signal, how: brand }\n    - { text: cook, how: alias }",
      ),
    );
    expect(errors).toEqual([
      'data/entities.yaml: entity "tim-cook": alias "Cook" also belongs to entity "signal" (declare sharedWith on both, or remove one)',
      'data/entities.yaml: entity "signal": alias "cook" also belongs to entity "tim-cook" (declare sharedWith on both, or remove one)',
    ]);
  });

  it("rejects an empty sharedWith", () => {
    const errors = errorsFor(
      edit(
        "entities.yaml",
        "{ text: Cook, how: surname }",
        "{ text: Cook, how: surname, sharedWith: [] }",
      ),
    );
    expect(errors).toEqual([
      'data/entities.yaml: entity "tim-cook": aliases.1.sharedWith: Too small: expected array to have >=1 items',
    ]);
  });

  // The entity that fails its schema is reported once: its name in sharedWith is not "missing".
  it("rejects alone on a surname shared with another entity (decision 0006)", () => {
    const errors = errorsFor(
      withEntities(
        greg.replace("sharedWith: [anna-brockman]", "sharedWith: [anna-brockman], alone: true") +
          anna(", sharedWith: [greg-brockman]"),
      ),
    );
    expect(errors).toEqual([
      'data/entities.yaml: entity "greg-brockman": aliases.1.alone: alone is only for a surname no one else in the dataset shares',
    ]);
  });

  it("rejects an alias listed twice on one entity", () => {
    const errors = errorsFor(
      edit(
        "entities.yaml",
        "    - { text: Cook, how: surname }",
        "    - { text: Cook, how: surname }\n    - { text: Cook, how: surname }",
      ),
    );
    expect(errors).toEqual(['data/entities.yaml: entity "tim-cook": alias "Cook" is listed twice']);
  });

  it("rejects sharedWith naming an entity that does not exist", () => {
    const errors = errorsFor(withEntities(greg.replace("[anna-brockman]", "[nobody]")));
    expect(errors).toEqual([
      'data/entities.yaml: entity "greg-brockman": alias "Brockman": sharedWith "nobody" does not exist',
    ]);
  });

  it("rejects sharedWith naming an entity without that alias", () => {
    const errors = errorsFor(
      edit(
        "entities.yaml",
        "{ text: Cook, how: surname }",
        "{ text: Cook, how: surname, sharedWith: [signal] }",
      ),
    );
    expect(errors).toEqual([
      'data/entities.yaml: entity "tim-cook": alias "Cook": sharedWith "signal", which has no such alias',
    ]);
  });

  it("rejects a surname on an organization", () => {
    const errors = errorsFor(
      edit("entities.yaml", "{ text: Palantir, how: full }", "{ text: Palantir, how: surname }"),
    );
    expect(errors).toEqual([
      'data/entities.yaml: entity "palantir": alias "Palantir": only a person has a surname',
    ]);
  });

  it("rejects alone on an alias that is not a surname (decision 0006)", () => {
    const errors = errorsFor(
      edit(
        "entities.yaml",
        "{ text: Palantir, how: full }",
        "{ text: Palantir, how: full, alone: true }",
      ),
    );
    expect(errors).toEqual([
      'data/entities.yaml: entity "palantir": aliases.0.alone: alone is only for a surname no one else in the dataset shares',
    ]);
  });

  it("rejects a case rule on a kind of name it is not for (decision 0002, Case)", () => {
    const onOrganization = errorsFor(
      edit(
        "entities.yaml",
        "{ text: Palantir, how: full }",
        "{ text: Palantir Technologies, how: full, case: also-lower }",
      ),
    );
    expect(onOrganization).toEqual([
      'data/entities.yaml: entity "palantir": aliases.0.case: also-lower is only for a person\'s name of several words',
    ]);
    const onOneWord = errorsFor(
      edit(
        "entities.yaml",
        "{ text: Cook, how: surname }",
        "{ text: Cook, how: surname, case: also-lower }",
      ),
    );
    expect(onOneWord).toEqual([
      'data/entities.yaml: entity "tim-cook": aliases.1.case: also-lower is only for a person\'s name of several words',
    ]);
    const onPerson = errorsFor(
      edit(
        "entities.yaml",
        "{ text: Tim Cook, how: full }",
        "{ text: Tim Cook, how: full, case: also-domain }",
      ),
    );
    expect(onPerson).toEqual([
      'data/entities.yaml: entity "tim-cook": aliases.0.case: also-domain is only for an organization\'s name',
    ]);
  });

  it("accepts the case rules where they belong", () => {
    const overrides = {
      ...edit(
        "entities.yaml",
        "{ text: Palantir, how: full }",
        "{ text: Palantir, how: full, case: also-domain }",
      ),
    };
    const entities = (overrides["entities.yaml"] ?? "").replace(
      "{ text: Tim Cook, how: full }",
      "{ text: Tim Cook, how: full, case: also-lower }",
    );
    const result = compileDataset(curatedFiles({ "entities.yaml": entities }), articles());
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("rejects an unknown match kind", () => {
    const errors = errorsFor(
      edit("entities.yaml", "{ text: Palantir, how: full }", "{ text: Palantir, how: fuzzy }"),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^data\/entities\.yaml: entity "palantir": aliases\.0\.how: /);
  });
});

describe("compileDataset: sources and layers", () => {
  it.each(['""', '"  "'])("rejects an empty text: %s", (text) => {
    const errors = errorsFor(
      edit(
        "stances.yaml",
        "summary: Named in the article as not having commented.",
        `summary: ${text}`,
      ),
    );
    expect(errors).toEqual([
      'data/stances.yaml: stance "tim-cook-not-spoken": summary: must not be empty',
    ]);
  });

  // A fact without the source its layer needs: each error names the file and the entry.
  const sourceCases: EditCase[] = [
    {
      name: "rejects a fact without a source",
      file: "stances.yaml",
      from: "  source: 000_test\n",
      to: "",
      errors: ['data/stances.yaml: stance "tim-cook-not-spoken": missing source'],
    },
    {
      name: "rejects a quote without an excerpt",
      file: "quotes.yaml",
      from: "  excerpt: >-\n    adding that leaders should “find the courage to stand up.”\n",
      to: "",
      errors: ['data/quotes.yaml: quote "whittaker-000-courage": missing excerpt'],
    },
    {
      name: "rejects a contract without sources",
      file: "contracts.yaml",
      from: "  sources:\n    - source: outlet-2025\n",
      to: "  sources: []\n",
      errors: [
        'data/contracts.yaml: contract "palantir-further": sources: every fact needs at least one source',
      ],
    },
    {
      name: "rejects an article-layer fact that cites further reporting",
      file: "stances.yaml",
      from: "source: 000_test",
      to: "source: outlet-2025",
      errors: [
        'data/stances.yaml: stance "tim-cook-not-spoken": source "outlet-2025" is further reporting; article facts must cite an article',
      ],
    },
  ];
  itRejectsEach(sourceCases);

  it("rejects an article-layer contract that cites further reporting", () => {
    const errors = errorsFor(
      edit(
        "contracts.yaml",
        "    - source: 000_test\n      excerpt: Palantir was awarded a $30 million contract last year.",
        "    - source: outlet-2025",
      ),
    );
    expect(errors).toContain(
      'data/contracts.yaml: contract "palantir-article": sources[0]: source "outlet-2025" is further reporting; article facts must cite an article',
    );
  });

  it("rejects a further-reporting contract that cites an article", () => {
    const errors = errorsFor(
      edit("contracts.yaml", "    - source: outlet-2025", "    - source: 000_test"),
    );
    expect(errors).toEqual([
      'data/contracts.yaml: contract "palantir-further": sources[0]: source "000_test" is an article; further-reporting facts cite further reporting',
    ]);
  });

  it("rejects an article-layer contract source without an excerpt", () => {
    const errors = errorsFor(
      edit(
        "contracts.yaml",
        "      excerpt: Palantir was awarded a $30 million contract last year.\n",
        "",
      ),
    );
    expect(errors).toEqual([
      'data/contracts.yaml: contract "palantir-article": sources[0]: missing excerpt (article facts quote the article)',
      'data/contracts.yaml: contract "palantir-article": amount "$30 million" is not in any of its excerpts',
    ]);
  });

  it("rejects an excerpt on a further-reporting fact (those are paraphrased)", () => {
    const errors = errorsFor(
      edit(
        "contracts.yaml",
        "    - source: outlet-2025",
        "    - source: outlet-2025\n      excerpt: ICE paid about $30 million.",
      ),
    );
    expect(errors).toEqual([
      'data/contracts.yaml: contract "palantir-further": sources[0]: further-reporting facts are paraphrased: no excerpt',
    ]);
  });

  it("rejects an amount of an unknown kind", () => {
    const errors = errorsFor(
      edit(
        "contracts.yaml",
        "{ text: about $30 million, kind: reported }",
        "{ text: about $30 million, kind: total }",
      ),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^data\/contracts\.yaml: contract "palantir-further": amount\.kind: /,
    );
  });

  it("rejects a conflict with one side", () => {
    const errors = errorsFor({
      "conflicts.yaml": `
- id: one-sided
  topic: Nothing to compare
  sides:
    - claim: More than 450
      source: 000_test
      excerpt: More than 450 employees signed the letter
`,
    });
    expect(errors).toEqual([
      'data/conflicts.yaml: conflict "one-sided": sides: a conflict needs at least two sides',
    ]);
  });
});

describe("compileDataset: files", () => {
  it("rejects a file that is not a curated kind", () => {
    const result = compileDataset(
      [...curatedFiles(), { path: "data/people.yaml", text: "[]" }],
      articles(),
    );
    expect(result.ok ? [] : result.errors).toEqual([
      "data/people.yaml: unknown curated file (expected one of sources.yaml, entities.yaml, quotes.yaml, contracts.yaml, stances.yaml, events.yaml, conflicts.yaml)",
    ]);
  });

  it("rejects a second file of one kind", () => {
    const result = compileDataset(
      [...curatedFiles(), { path: "data/more/quotes.yaml", text: VALID_FILES["quotes.yaml"]! }],
      articles(),
    );
    expect(result.ok ? [] : result.errors).toEqual([
      "data/more/quotes.yaml: a second quotes.yaml (one file per kind)",
    ]);
  });

  it("rejects invalid YAML, saying where in one line", () => {
    const errors = errorsFor({ "events.yaml": "- id: [unclosed\n" });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^data\/events\.yaml: invalid YAML: [^\n]+ at line 2, column 1:$/);
  });

  it("rejects a file of more than one YAML document", () => {
    const errors = errorsFor({ "events.yaml": `${VALID_FILES["events.yaml"]}---\n- id: x\n` });
    expect(errors).toEqual(["data/events.yaml: invalid YAML: more than one YAML document"]);
  });

  it.each(["id: letter-signed\n", "0\n"])("rejects a file that is not a list: %j", (text) => {
    const errors = errorsFor({ "events.yaml": text });
    expect(errors).toEqual(["data/events.yaml: must be a YAML list of entries"]);
  });

  it("reads an empty file as no entries", () => {
    const result = compileDataset(curatedFiles({ "events.yaml": "# none yet\n" }), articles());
    expect(result.ok ? result.dataset.events : result.errors).toEqual([]);
  });

  it("names an entry without an id by its place, and says what is wrong with it", () => {
    const errors = errorsFor({ "stances.yaml": `${VALID_FILES["stances.yaml"]}- just text\n` });
    expect(errors).toEqual([
      "data/stances.yaml: stance #2: Invalid input: expected object, received string",
    ]);
  });

  it("tells a field of the wrong type from a missing one", () => {
    const errors = errorsFor(edit("entities.yaml", "name: Tim Cook", "name: [Tim, Cook]"));
    expect(errors).toEqual([
      'data/entities.yaml: entity "tim-cook": name: Invalid input: expected string, received array',
    ]);
  });

  it("rejects an unknown field (a typo must not silently drop data)", () => {
    const errors = errorsFor(
      edit("stances.yaml", "kind: not-spoken", "kind: not-spoken\n  sumary: typo"),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^data\/stances\.yaml: stance "tim-cook-not-spoken": .*sumary/);
  });
});
