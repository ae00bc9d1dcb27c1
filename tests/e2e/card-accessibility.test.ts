/**
 * The card as Chromium's accessibility tree gives it to a screen reader: what a reader moving by
 * landmarks or by headings finds in it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, waitForMarks, type Harness } from "./support/harness";
import { markFor, readDataset, settledCardBox } from "./support/ui";

/** Its card has quotes, stances and three disagreements between sources. */
const ENTITY_ID = "iceout-tech";
const ENTITY_NAME = "IceOut.Tech";
const PAGE_FILE = "card-accessibility.html";

/** A node of Chromium's accessibility tree (CDP `Accessibility.getFullAXTree`), as far as used. */
interface AxNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
}

interface Exposed {
  role: string;
  name: string;
}

/** What the card exposes, in tree order: every node's role and name, ignored ones left out. */
async function exposedInCard(page: Page): Promise<Exposed[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await session.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const dialog = nodes.find((node) => node.role?.value === "dialog");
    if (!dialog) throw new Error("no dialog in the accessibility tree");
    const exposed: Exposed[] = [];
    const walk = (node: AxNode) => {
      if (!node.ignored)
        exposed.push({ role: node.role?.value ?? "", name: String(node.name?.value ?? "") });
      for (const id of node.childIds ?? []) {
        const child = byId.get(id);
        if (child) walk(child);
      }
    };
    walk(dialog);
    return exposed;
  } finally {
    await session.detach();
  }
}

describe("the card in the accessibility tree", () => {
  let harness: Harness;
  let exposed: Exposed[];
  beforeAll(async () => {
    harness = await startHarness();
    writeFileSync(
      join(harness.site.root, PAGE_FILE),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Letter</title></head>
<body><main><p>The letter from ${ENTITY_NAME} went out on Monday.</p></main></body></html>`,
    );
    const page = await harness.open(`/${PAGE_FILE}`);
    await waitForMarks(page);
    await markFor(page, ENTITY_ID).focus();
    await settledCardBox(page);
    exposed = await exposedInCard(page);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("is a dialog named after the entity", () => {
    expect(exposed[0]).toEqual({ role: "dialog", name: ENTITY_NAME });
  });

  it("adds no landmark to the page (its title row is no banner)", () => {
    const landmarks = ["banner", "contentinfo", "main", "navigation", "complementary", "region"];
    expect(exposed.filter(({ role }) => landmarks.includes(role))).toEqual([]);
  });

  it("gives each disagreement between sources a heading of its own", () => {
    const topics = readDataset()
      .conflicts.filter((conflict) => conflict.entities.includes(ENTITY_ID))
      .map((conflict) => conflict.topic);
    expect(topics.length).toBeGreaterThan(1);
    const headings = exposed.filter(({ role }) => role === "heading").map(({ name }) => name);
    for (const topic of topics) expect(headings).toContain(topic);
  });
});
