/** A tiny, valid set of curated files and one article, for compiler tests to break one at a time. */
import type { ArticleFile, CuratedFile } from "../../../lib/dataset/compile";

export const ARTICLE_FILE = "articles/000_test.txt";

export const ARTICLE_TEXT = [
  "Tech Workers Speak Out",
  "More than 450 employees signed the letter, published by the group IceOut.Tech, on January 7, 2026.",
  "Signal president Meredith Whittaker said masked agents are “executing people in the streets,”",
  "adding that leaders should “find the courage to stand up.” Apple CEO Tim Cook has not commented.",
  "Palantir was awarded a $30 million contract last year. Another outlet counted more than eight hundred.",
  "OpenAI president Greg Brockman and his wife, Anna Brockman, are donors.",
  "",
].join("\n");

export const VALID_FILES: Record<string, string> = {
  "sources.yaml": `
- id: 000_test
  kind: article
  file: ${ARTICLE_FILE}
  headline: Tech Workers Speak Out
- id: outlet-2025
  kind: further-reporting
  outlet: Some Outlet
  date: April 2025
`,
  "entities.yaml": `
- id: meredith-whittaker
  name: Meredith Whittaker
  kind: person
  category: tech-leader
  roles:
    - text: Signal president
      source: 000_test
      excerpt: Signal president Meredith Whittaker said
  affiliations:
    - organization: signal
      role: president
      source: 000_test
      excerpt: Signal president Meredith Whittaker
  aliases:
    - { text: Meredith Whittaker, how: full }
    - { text: Whittaker, how: surname }
- id: tim-cook
  name: Tim Cook
  kind: person
  category: tech-leader
  aliases:
    - { text: Tim Cook, how: full }
    - { text: Cook, how: surname }
- id: signal
  name: Signal
  kind: organization
  category: company
  aliases:
    - { text: Signal, how: brand }
- id: palantir
  name: Palantir
  kind: organization
  category: company
  aliases:
    - { text: Palantir, how: full }
- id: iceout-tech
  name: IceOut.Tech
  kind: organization
  category: letter
  aliases:
    - { text: IceOut.Tech, how: full, case: any }
    - { text: ICEout.tech, how: alias, case: any }
`,
  "quotes.yaml": `
- id: whittaker-000-courage
  speaker: meredith-whittaker
  text: find the courage to stand up.
  source: 000_test
  statement: whittaker-courage
  context: { to: leaders }
  excerpt: >-
    adding that leaders should “find the courage to stand up.”
- id: whittaker-000-executing
  speaker: meredith-whittaker
  text: executing people in the streets
  source: 000_test
  statement: whittaker-executing
  excerpt: Signal president Meredith Whittaker said masked agents are “executing people in the streets,”
`,
  "contracts.yaml": `
- id: palantir-article
  vendor: palantir
  agency: ICE
  description: A contract.
  amount: { text: $30 million, kind: reported }
  layer: article
  sources:
    - source: 000_test
      excerpt: Palantir was awarded a $30 million contract last year.
- id: palantir-further
  vendor: palantir
  agency: ICE
  description: A paraphrased contract.
  amount: { text: about $30 million, kind: reported }
  layer: further-reporting
  sources:
    - source: outlet-2025
`,
  "stances.yaml": `
- id: tim-cook-not-spoken
  entity: tim-cook
  kind: not-spoken
  summary: Named in the article as not having commented.
  source: 000_test
  excerpt: Apple CEO Tim Cook has not commented.
`,
  "events.yaml": `
- id: letter-signed
  date: January 7, 2026
  what: The letter was signed.
  source: 000_test
  excerpt: published by the group IceOut.Tech, on January 7, 2026.
`,
  "conflicts.yaml": `
- id: number-of-signatories
  topic: Number of signatories
  entities: [iceout-tech]
  sides:
    - claim: More than 450
      source: 000_test
      excerpt: More than 450 employees signed the letter
    - claim: More than eight hundred
      source: 000_test
      excerpt: Another outlet counted more than eight hundred.
`,
};

/** The valid files with some replaced (by file name, e.g. "quotes.yaml"). */
export function curatedFiles(overrides: Record<string, string> = {}): CuratedFile[] {
  const merged = { ...VALID_FILES, ...overrides };
  return Object.entries(merged).map(([name, text]) => ({ path: `data/${name}`, text }));
}

export function articles(): ArticleFile[] {
  return [{ file: ARTICLE_FILE, text: ARTICLE_TEXT }];
}

/** Replaces one exact piece of a valid file, failing loudly if the piece is not there. */
export function edit(name: string, from: string, to: string): Record<string, string> {
  const original = VALID_FILES[name];
  if (original === undefined || !original.includes(from)) {
    throw new Error(`fixture ${name} has no ${JSON.stringify(from)}`);
  }
  return { [name]: original.replace(from, to) };
}
