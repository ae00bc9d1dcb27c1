import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCards, type CardData } from "../../../lib/cards/card-data";
import { Card } from "../../../lib/ui/Card";
import type { AmountKind, Dataset, MatchHow } from "../../../lib/dataset/types";
import { miniDataset } from "../../fixtures/mini-dataset";
import { widerDataset } from "../../unit/cards/wider-dataset";

const cards = buildCards(miniDataset);

function show(entity: string, how: "full" | "surname" = "full") {
  const root = document.createElement("div");
  document.body.append(root);
  const onCopy = vi.fn();
  const onClose = vi.fn();
  render(
    <Card card={cards.get(entity)!} name="" how={how} onClose={onClose} onCopy={onCopy} />,
    root,
  );
  return { root, onCopy, onClose };
}

const widerCards = buildCards(widerDataset());

function showWider(entity: string, how: MatchHow = "full"): HTMLElement {
  const root = document.createElement("div");
  document.body.append(root);
  render(
    <Card card={widerCards.get(entity)!} name="" how={how} onClose={() => {}} onCopy={() => {}} />,
    root,
  );
  return root;
}

/** The card of a dataset, or of card data, as the content script renders it. */
function showCard(card: CardData | undefined, how: MatchHow = "full"): HTMLElement {
  const root = document.createElement("div");
  document.body.append(root);
  render(<Card card={card!} name="" how={how} onClose={() => {}} onCopy={() => {}} />, root);
  return root;
}

function showFrom(dataset: Dataset, entity: string, how: MatchHow = "full"): HTMLElement {
  return showCard(buildCards(dataset).get(entity), how);
}

const texts = (root: Element, selector: string) =>
  [...root.querySelectorAll(selector)].map((element) => element.textContent);

afterEach(() => document.body.replaceChildren());

describe("Card", () => {
  it("is a labelled dialog showing the quote verbatim with its article", () => {
    const { root } = show("jane-roe");
    const dialog = root.querySelector("[role=dialog]")!;
    expect(dialog.getAttribute("aria-labelledby")).toBe(dialog.querySelector("h2")!.id);
    expect(dialog.querySelector("h2")!.textContent).toBe("Jane Roe");
    expect(dialog.querySelector("blockquote")!.textContent).toBe("“we must act”");
    expect(dialog.querySelector(".statement cite")!.textContent).toBe(
      "Article: “Headline One”, Pub, January 27, 2026",
    );
  });

  it("shows the other articles' wording of the same statement together", () => {
    const { root } = show("jane-roe");
    expect(root.querySelectorAll(".statement")).toHaveLength(1);
    expect(root.querySelector(".variants q")!.textContent).toBe("we have to act");
    // Two wordings may come from one article (a post and the reporter's rendering of it).
    expect(root.querySelector(".variants .label")!.textContent).toBe("Other wordings:");
  });

  it("gives each wording its article, and a statement in one wording no other wordings", () => {
    const { root } = show("jane-roe");
    expect(texts(root, ".variants cite")).toEqual(["Article: “Headline Two”"]);
    const dataset = structuredClone(miniDataset);
    dataset.statements[0]!.quotes = ["roe-a1"];
    expect(showFrom(dataset, "jane-roe").querySelector(".variants")).toBeNull();
  });

  it("says where, when and to whom a quote was said, as the article gives it", () => {
    const withContext = (context: Dataset["quotes"][number]["context"]) => {
      const dataset = structuredClone(miniDataset);
      dataset.quotes[0]!.context = context;
      return showFrom(dataset, "jane-roe").querySelector(".statement .context")?.textContent;
    };
    expect(show("jane-roe").root.querySelector(".statement .context")!.textContent).toBe("on X");
    expect(
      withContext({ where: "at a conference", when: "Monday", to: "reporters", note: "later" }),
    ).toBe("at a conference · Monday · to reporters — later");
    expect(withContext({ when: "Monday" })).toBe("Monday");
    expect(withContext({ note: "in a deleted post" })).toBe("in a deleted post");
    expect(withContext({}), "nothing to say").toBeUndefined();
  });

  it("shows no statement of which no wording is known", () => {
    const card = cards.get("jane-roe")!;
    const root = showCard({ ...card, statements: [{ id: "none", variants: [] }] });
    const said = root.querySelector("h3")!;
    expect(said.textContent).toBe("What they said");
    expect(said.nextElementSibling!.children).toHaveLength(0);
  });

  it("cites each role the articles give", () => {
    const root = show("jane-roe").root;
    expect(texts(root, ".role p")).toEqual(["Acme CEO"]);
    expect(texts(root, ".role cite")).toEqual(["Article: “Headline One”, Pub, January 27, 2026"]);
  });

  it("gives each contract its vendor, agency, program, date and sources", () => {
    const { root } = show("acme");
    const further = root.querySelectorAll(".contract")[1]!;
    expect(further.querySelector(".amount")!.previousElementSibling!.textContent).toBe(
      "Acme · ICE · Widget · 2025",
    );
    expect(texts(further, "cite")).toEqual([
      "Further reporting: “ICE pays vendor”, WIRED, April 18, 2025",
    ]);
    const article = root.querySelectorAll(".contract")[0]!;
    expect(article.querySelector(".amount")!.previousElementSibling!.textContent).toBe(
      "Acme · ICE",
    );
    expect(texts(article, "cite")).toEqual(["Article: “Headline One”, Pub, January 27, 2026"]);
  });

  it("says what kind each amount is", () => {
    const amountOf = (kind: AmountKind) => {
      const dataset = structuredClone(miniDataset);
      dataset.contracts[0]!.amount = { text: "$5", kind };
      return showFrom(dataset, "acme").querySelectorAll(".amount")[1]!.textContent;
    };
    expect(
      (["obligated", "ceiling", "potential", "reported", "outlay"] as const).map(amountOf),
    ).toEqual([
      "$5 (obligated)",
      "$5 (ceiling value)",
      "$5 (potential value)",
      "$5 (as reported)",
      "$5 (outlay)",
    ]);
  });

  it("has a section only for what there is to show", () => {
    const headings = (root: Element) => texts(root, "h3");
    expect(headings(showWider("jane-roe"))).toEqual([
      "What they said",
      "Known ICE contracts of Acme",
    ]);
    expect(headings(showWider("acme"))).toEqual([
      "Where sources disagree",
      "Known ICE contracts",
      "People in the dataset",
    ]);
    expect(headings(showWider("quiet-person"))).toEqual(["What the articles report"]);
    expect(headings(showWider("victim"))).toEqual(["Timeline, as reported"]);
    expect(headings(showWider("agency"))).toEqual([]);
    // No bid protest in the mini dataset: no list of facts that are not contracts.
    const root = show("acme").root;
    expect(root.querySelectorAll("ul.contracts")).toHaveLength(1);
    expect(texts(root, ".label")).not.toContain(
      "Planned purchases and bid protests, not contracts:",
    );
  });

  it("says so when a company has no contract in the dataset", () => {
    const dataset = structuredClone(miniDataset);
    dataset.contracts = [];
    const root = showFrom(dataset, "acme");
    expect(root.querySelector(".muted")!.textContent).toBe("None in the dataset.");
    expect(root.querySelector("ul.contracts")).toBeNull();
    expect(show("acme").root.querySelector(".muted")).toBeNull();
  });

  it("cites what the articles report, and names each disagreement, event and member", () => {
    const quiet = show("quiet-person").root.querySelector(".stances li")!;
    expect(quiet.firstChild!.textContent).toBe("Named as not having publicly commented");
    expect(texts(quiet, "cite")).toEqual(["Article: “Headline Two”"]);
    expect(texts(show("acme").root, ".conflict h4")).toEqual(["How many signed"]);
    const event = showWider("victim").querySelector(".events li")!;
    expect(event.querySelector("strong")!.textContent).toBe("Monday");
    expect(texts(event, "cite")).toEqual(["Article: “Headline One”, Pub, January 27, 2026"]);
    expect(event.textContent).toContain("Monday: A vigil was held. ");
    const dataset = widerDataset();
    dataset.entities.push({
      ...dataset.entities.find((entity) => entity.id === "quiet-person")!,
      id: "john-doe",
      name: "John Doe",
      affiliations: [{ organization: "acme", source: "a1", excerpt: "Acme" }],
    });
    const members = showFrom(dataset, "acme").querySelectorAll("section")[3]!;
    expect(members.querySelector("p")!.textContent).toBe("Jane Roe, John Doe");
  });

  it("offers no empty disclosure where a line has no article words", () => {
    const card = cards.get("quiet-person")!;
    const stances = card.stances.map(({ text, source }) => ({ text, source }));
    expect(showCard({ ...card, stances }).querySelector("details")).toBeNull();
  });

  it("tells article facts from further reporting, with the amount's kind", () => {
    const { root } = show("acme");
    const contracts = [...root.querySelectorAll(".contract")];
    expect(contracts.map((item) => item.querySelector(".layer")!.textContent)).toEqual([
      "From the articles",
      "Further reporting",
    ]);
    expect(contracts[0]!.querySelector(".amount")!.textContent).toBe("No amount stated");
    expect(contracts[1]!.querySelector(".amount")!.textContent).toBe("$30 million (as reported)");
  });

  it("shows disagreeing sources side by side", () => {
    const { root } = show("acme");
    expect(
      [...root.querySelectorAll(".conflict li")].map((item) => item.firstChild!.textContent),
    ).toEqual(["More than 450", "More than eight hundred"]);
    expect([...root.querySelectorAll(".conflict li cite")].map((cite) => cite.textContent)).toEqual(
      ["Article: “Headline One”, Pub, January 27, 2026", "Article: “Headline Two”"],
    );
  });

  it("keeps the article's own words one click from each line the dataset words", () => {
    const words = (root: Element) =>
      [...root.querySelectorAll("details.words")].map((details) => [
        details.querySelector("summary")!.textContent,
        details.querySelector("blockquote")!.textContent,
      ]);
    expect(words(show("quiet-person").root.querySelector(".stances")!)).toEqual([
      ["The article’s words", "Quiet Person has not commented"],
    ]);
    expect(words(show("acme").root.querySelector(".conflict")!)).toEqual([
      ["The article’s words", "More than 450"],
      ["The article’s words", "More than eight hundred"],
    ]);
    expect(words(showWider("victim").querySelector(".events")!)).toEqual([
      ["The article’s words", "On Monday, hundreds held a vigil"],
    ]);
    // Closed until asked for: the card stays short.
    expect(show("quiet-person").root.querySelector("details")!.open).toBe(false);
  });

  it("shows ICE contracts only where they mean something", () => {
    const heading = (root: Element) =>
      [...root.querySelectorAll("h3")].some((h3) =>
        h3.textContent!.startsWith("Known ICE contracts"),
      );
    expect(heading(showWider("acme"))).toBe(true);
    expect(heading(showWider("jane-roe"))).toBe(true);
    expect(heading(showWider("agency"))).toBe(false);
    expect(heading(showWider("victim"))).toBe(false);
  });

  it("says whose contracts a person's card lists: their company's, not their own", () => {
    const headings = (root: Element) =>
      [...root.querySelectorAll("h3")].map((h3) => h3.textContent);
    expect(headings(showWider("jane-roe"))).toContain("Known ICE contracts of Acme");
    expect(headings(showWider("acme"))).toContain("Known ICE contracts");
  });

  it("lists a bid protest apart, as not a contract", () => {
    const root = showWider("acme");
    const labels = [...root.querySelectorAll(".label")].map((label) => label.textContent);
    expect(labels).toContain("Planned purchases and bid protests, not contracts:");
    const lists = [...root.querySelectorAll("ul.contracts")];
    expect(lists).toHaveLength(2);
    expect(lists[0]!.textContent).not.toContain("Protested being left out.");
    expect(lists[1]!.textContent).toContain("Protested being left out.");
  });

  it("says truthfully why a surname or a name alone was highlighted", () => {
    expect(showWider("victim", "surname").querySelector(".why")!.textContent).toBe(
      "Highlighted because the news names them by this surname alone.",
    );
    expect(showWider("jane-roe", "surname").querySelector(".why")!.textContent).toBe(
      "Highlighted because the surname follows the full name earlier on this page.",
    );
    expect(showWider("agency", "brand").querySelector(".why")!.textContent).not.toContain(
      "company",
    );
  });

  it("says why a full name, another name or an organization's name was highlighted", () => {
    expect(showWider("victim").querySelector(".why")!.textContent).toBe(
      "Highlighted because the full name appears here.",
    );
    expect(showWider("jane-roe", "alias").querySelector(".why")!.textContent).toBe(
      "Highlighted because another name for them appears here.",
    );
    expect(showWider("acme", "brand").querySelector(".why")!.textContent).toBe(
      "Highlighted as the organization’s name (capitalized, outside ordinary phrases).",
    );
  });

  it("can be focused by Enter on its mark but is no tab stop, and names its scrolling body", () => {
    const { root } = show("jane-roe");
    const dialog = root.querySelector<HTMLElement>("[role=dialog]")!;
    expect(dialog.getAttribute("tabindex")).toBe("-1");
    const body = root.querySelector(".body")!;
    expect(body.getAttribute("role")).toBe("group");
    expect(body.getAttribute("aria-label")).toBe("What the sources say about Jane Roe");
    const loading = document.createElement("div");
    render(
      <Card card={undefined} name="Roe" how="surname" onClose={() => {}} onCopy={() => {}} />,
      loading,
    );
    expect(loading.querySelector(".body")!.getAttribute("aria-label")).toBe(
      "What the sources say about Roe",
    );
  });

  it("says why the text was highlighted and copies a citation", () => {
    const { root, onCopy } = show("jane-roe", "surname");
    expect(root.querySelector(".why")!.textContent).toContain("surname follows the full name");
    (root.querySelector("button.copy") as HTMLButtonElement).click();
    expect(onCopy).toHaveBeenCalledWith(
      "“we must act” — Jane Roe, as quoted in “Headline One”, Pub, January 27, 2026",
    );
  });

  it("names each Copy citation button by its quote, so a screen reader tells them apart", () => {
    const dataset = structuredClone(miniDataset);
    const text = "we will not build the tools for this, not now and not ever";
    dataset.quotes.push({ ...dataset.quotes[0]!, id: "roe-b1", text, statement: "roe-no" });
    dataset.statements.push({ id: "roe-no", speaker: "jane-roe", quotes: ["roe-b1"] });
    // Six words, the most a name holds: nothing is cut, so no ellipsis.
    const six = "we will not build those tools";
    dataset.quotes.push({ ...dataset.quotes[0]!, id: "roe-c1", text: six, statement: "roe-six" });
    dataset.statements.push({ id: "roe-six", speaker: "jane-roe", quotes: ["roe-c1"] });
    const root = document.createElement("div");
    document.body.append(root);
    const card = buildCards(dataset).get("jane-roe")!;
    render(<Card card={card} name="" how="full" onClose={() => {}} onCopy={() => {}} />, root);
    const names = [...root.querySelectorAll("button.copy")].map((button) =>
      button.getAttribute("aria-label"),
    );
    expect(names).toEqual([
      "Copy citation: “we must act”",
      "Copy citation: “we will not build the tools…”",
      "Copy citation: “we will not build those tools”",
    ]);
  });

  it("renders dataset text as text, never as markup", () => {
    const hostile = structuredClone(miniDataset);
    hostile.quotes[0]!.text = '<img src=x onerror="alert(1)">';
    const root = document.createElement("div");
    render(
      <Card
        card={buildCards(hostile).get("jane-roe")!}
        name=""
        how="full"
        onClose={() => {}}
        onCopy={() => {}}
      />,
      root,
    );
    expect(root.querySelector("img")).toBeNull();
    expect(root.querySelector("blockquote")!.textContent).toContain("<img");
  });
});
