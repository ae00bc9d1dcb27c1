/**
 * The cost of the page pass must not grow with the number of names: one trie walk per word start.
 * Here: the same results for the real names when the index holds a hundred times more names.
 * (No timing assertions: the benchmark measures time.)
 */
import { describe, expect, it } from "vitest";
import type { MatchIndex, MatchIndexEntity } from "../../../lib/dataset/types";
import { compileMatcher, createMatchSession, findMatches } from "../../../lib/matching/index";
import { fixtureEntities, fixtureIndex } from "./fixture-index";

const SCALE = 100;

/** Deterministic made-up names that share prefixes with the real ones ("Tim", "Goo", "Ama"). */
function syntheticEntities(count: number): MatchIndexEntity[] {
  const givens = ["Tim", "Jeff", "Elon", "Dario", "Anna", "Greg", "Mark", "Sam", "Eric", "Reid"];
  const stems = ["Cooke", "Deane", "Muskel", "Amodeo", "Goodall", "Brock", "Zucker", "Alt", "Yu"];
  const companies = ["Goo", "Ama", "Meta", "Sig", "Zoo", "Ora", "Pala", "Open", "Anthro"];
  const entities: MatchIndexEntity[] = [];
  for (let index = 0; index < count; index++) {
    const given = givens[index % givens.length]!;
    const last = `${stems[index % stems.length]!}${index.toString(36)}`;
    const company = `${companies[index % companies.length]!}${index.toString(36)}x`;
    entities.push({
      id: `synthetic-person-${index}`,
      name: `${given} ${last}`,
      aliases: [
        { text: `${given} ${last}`, how: "full", case: "as-written" },
        { text: last, how: "surname", case: "as-written" },
      ],
      markMode: "every",
    });
    entities.push({
      id: `synthetic-company-${index}`,
      name: company,
      aliases: [{ text: company, how: "brand", case: "as-written" }],
      markMode: "every",
    });
  }
  return entities;
}

const PAGE = [
  "Apple CEO Tim Cook and Google DeepMind chief scientist Jeff Dean spoke.",
  "Elon Musk’s view: Musk backed ICE agents. Dario Amodei of Anthropic; Amodei said.",
  "Renee Good was killed in Minneapolis. Good was a mother.",
  "Amazon Web Services, Microsoft, and Oracle supply cloud infrastructure.",
  "Greg Brockman and his wife, Anna, donated. Brockman said nothing.",
  "The Amazon rainforest, the Big Apple, Zoom in, a good cook, ice on the road.",
  "Meta CEO Mark Zuckerberg and Signal president Meredith Whittaker; a Zoom call.",
].join("\n");

describe("scale", () => {
  it(`gives the same results for the real names with ${SCALE}x synthetic names`, () => {
    const synthetic = syntheticEntities(fixtureEntities.length * SCALE);
    const big: MatchIndex = { version: 1, entities: [...synthetic, ...fixtureEntities] };
    expect(big.entities.length).toBeGreaterThan(fixtureEntities.length * SCALE);

    const segments = [{ text: PAGE, block: 0 }];
    const small = findMatches(compileMatcher(fixtureIndex), segments);
    const large = findMatches(compileMatcher(big), segments);
    expect(small.length).toBeGreaterThan(15);
    expect(large).toEqual(small);
  });

  it("still finds the synthetic names themselves in the big index", () => {
    const synthetic = syntheticEntities(50);
    const matcher = compileMatcher({ version: 1, entities: [...synthetic, ...fixtureEntities] });
    const person = synthetic[10]!;
    const text = `${person.name} spoke. Tim Cook too.`;
    expect(
      createMatchSession(matcher)
        .scan([{ text, block: 0 }])
        .map((m) => m.entity),
    ).toEqual([person.id, "tim-cook"]);
  });
});
