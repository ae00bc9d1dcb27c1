/** Plain-text citations for "Copy citation" and "Copy page summary". Pure. */
import type { CardData, QuoteVariant, SourceRef } from "./card-data";
import type { ContractKind } from "../dataset/types";

/**
 * Two articles have no headline, so their title is their whole first sentence; past this length a
 * title is cut at a word boundary and marked with an ellipsis, so a card cites it in one line.
 */
export const MAX_TITLE_LENGTH = 90;

export function shortTitle(title: string): string {
  if (title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > 40 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/u, "")}…`;
}

/** `Headline`, Publisher, Date — only the parts the source names. */
export function formatSource(source: SourceRef): string {
  return [`“${shortTitle(source.title)}”`, source.publisher, source.date, source.url]
    .filter(Boolean)
    .join(", ");
}

export function formatQuoteCitation(speaker: string, variant: QuoteVariant): string {
  return `“${variant.text}” — ${speaker}, as quoted in ${formatSource(variant.source)}`;
}

/** A count with its noun in the right number: "1 person", "2 people", "1 mention". */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * How a contracting fact is introduced in a summary: a planned purchase or a protest is no
 * contract.
 */
const CONTRACT_KIND_LABEL: Record<ContractKind, string> = {
  contract: "Contract",
  solicitation: "Planned solicitation, not a contract",
  "bid-protest": "Bid protest, not a contract",
};

/**
 * Characters that turn the text after them around (an RLO in a title reverses the rest of its
 * line).
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Line breaks and other control characters: the title is one line of the summary's heading. */
const CONTROLS = /[\p{Cc}\u2028\u2029]+/gu;
/**
 * What Markdown reads as markup within a line: links, images, HTML, emphasis, code, and
 * character references (`&#x202e;` is an RLO once rendered).
 */
const MARKDOWN_MARKUP = /[\\`*_[\]<>~]|&(?=#?\w+;)/g;

/**
 * The page's title and address as the copied summary cites them. The page wrote both, and the
 * summary is Markdown that says Receipts compiled it: the title goes in as plain text (its
 * `[link](…)` or `<img>` must not become a link or an image where the summary is pasted), with
 * no character that reverses the rest of its line; the address as an autolink, inside which
 * nothing is markup (the URL parser escapes its spaces and angle brackets), and without the
 * user name and password an address can carry: a summary is copied to be shared.
 */
export function citedPage({ title, url }: { title: string; url: string }) {
  const address = new URL(url);
  address.username = "";
  address.password = "";
  return {
    title: title
      .replace(BIDI_CONTROLS, "")
      .replace(CONTROLS, " ")
      .trim()
      .replace(MARKDOWN_MARKUP, "\\$&"),
    url: `<${address.href}>`,
  };
}

/**
 * A Markdown summary of who a page mentions and everything their cards say (quotes, stances,
 * disagreements, timeline, contracts), each line with its citation.
 */
export function formatPageSummary(
  page: { title: string; url: string },
  entries: { card: CardData; count: number }[],
): string {
  const cited = citedPage(page);
  const lines = [`# People and companies on “${cited.title}”`, "", cited.url, ""];
  if (entries.length === 0)
    lines.push("Nobody from the Receipts dataset is mentioned on this page.");
  for (const { card, count } of entries) {
    lines.push(`## ${card.name} (${countOf(count, "mention")})`);
    for (const role of card.roles.slice(0, 1)) {
      lines.push(`${role.text} (${role.sources.map(formatSource).join("; ")})`);
    }
    for (const statement of card.statements) {
      for (const variant of statement.variants)
        lines.push(`- ${formatQuoteCitation(card.name, variant)}`);
    }
    for (const stance of card.stances)
      lines.push(`- ${stance.text} (${formatSource(stance.source)})`);
    // As on the card: every side under its topic, each with its own source, none left out.
    for (const conflict of card.conflicts) {
      lines.push(`- Sources disagree: ${conflict.topic}`);
      for (const side of conflict.sides)
        lines.push(`  - ${side.claim} (${formatSource(side.source)})`);
    }
    // The card's timeline: the dataset's summary of each event, with the article that reports it.
    for (const event of card.events)
      lines.push(
        `- Timeline, as reported: ${event.date}: ${event.what} (${formatSource(event.source)})`,
      );
    for (const contract of [...card.contracts, ...card.notContracts]) {
      const amount = contract.amount
        ? `${contract.amount.text} (${contract.amount.kind})`
        : "no amount stated";
      const layer = contract.layer === "article" ? "article" : "further reporting";
      const what = [contract.agency, contract.program, contract.date].filter(Boolean).join(", ");
      const cited = contract.sources.map((line) => formatSource(line.source)).join("; ");
      const label = CONTRACT_KIND_LABEL[contract.kind];
      lines.push(
        `- ${label} (${layer}): ${contract.vendor.name}, ${what}: ${amount}. ${contract.description} Source: ${cited}`,
      );
    }
    lines.push("");
  }
  lines.push("Compiled by Receipts from its bundled, sourced dataset.");
  return lines.join("\n");
}
