import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { MatchIndex } from "../../../lib/dataset/types";
import { compileMatcher, createMatchSession } from "../../../lib/matching";

// happy-dom replaces URL, so paths are resolved from the project root (where vitest runs).
const PAGES = resolve("tests/fixtures/pages") + "/";
const INDEX = resolve("tests/fixtures/dom-match-index.json");

/** Every fixture page: an `<name>.html` with its `<name>.expected.json` beside it. */
export const FIXTURE_PAGES = readdirSync(PAGES)
  .filter((file) => file.endsWith(".expected.json"))
  .map((file) => file.replace(/\.expected\.json$/, ""));

export interface ExpectedMention {
  entity: string;
  text: string;
  how: string;
  pieces: number;
}

export interface ExpectedPage {
  description: string;
  mentions: ExpectedMention[];
}

export function fixtureIndex(): MatchIndex {
  return JSON.parse(readFileSync(INDEX, "utf8")) as MatchIndex;
}

/** A fresh page's match session over the fixture index, with the real matcher. */
export function testSession() {
  return createMatchSession(compileMatcher(fixtureIndex()));
}

/** Replaces the test document with a fixture page; scripts in it are parsed, never run. */
export function loadFixturePage(name: string): ExpectedPage {
  const html = readFileSync(`${PAGES}${name}.html`, "utf8");
  loadHtml(html);
  return JSON.parse(readFileSync(`${PAGES}${name}.expected.json`, "utf8")) as ExpectedPage;
}

export function loadHtml(html: string): void {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const next = document.adoptNode(parsed.documentElement);
  document.documentElement.remove();
  document.appendChild(next);
}

/** A paragraph of `text`, appended to `parent` as a page's script would add it. */
export function appendParagraph(
  text: string,
  parent: Element = document.body,
): HTMLParagraphElement {
  const paragraph = document.createElement("p");
  paragraph.textContent = text;
  parent.append(paragraph);
  return paragraph;
}

/** The marks under `root` grouped into mentions (pieces share a match id), in page order. */
export function mentionsOnPage(root: ParentNode = document): ExpectedMention[] {
  const byMatch = new Map<string, ExpectedMention>();
  for (const mark of root.querySelectorAll("receipts-mark[data-receipts-match]")) {
    const id = mark.getAttribute("data-receipts-match") ?? "";
    const mention = byMatch.get(id);
    if (mention) {
      mention.text += mark.textContent ?? "";
      mention.pieces += 1;
    } else {
      byMatch.set(id, {
        entity: mark.getAttribute("data-receipts-entity") ?? "",
        text: mark.textContent ?? "",
        how: mark.getAttribute("data-receipts-how") ?? "",
        pieces: 1,
      });
    }
  }
  return [...byMatch.values()];
}
