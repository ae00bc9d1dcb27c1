import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCards } from "../../../lib/cards/card-data";
import { Card } from "../../../lib/ui/Card";
import type { MatchHow } from "../../../lib/dataset/types";
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
