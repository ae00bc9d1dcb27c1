import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCards } from "../../../lib/cards/card-data";
import { Card } from "../../../lib/ui/Card";
import { miniDataset } from "../../fixtures/mini-dataset";

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
    expect([...root.querySelectorAll(".conflict li")].map((item) => item.textContent)).toEqual([
      "More than 450 Article: “Headline One”, Pub, January 27, 2026",
      "More than eight hundred Article: “Headline Two”",
    ]);
  });

  it("says why the text was highlighted and copies a citation", () => {
    const { root, onCopy } = show("jane-roe", "surname");
    expect(root.querySelector(".why")!.textContent).toContain("surname follows the full name");
    (root.querySelector("button.copy") as HTMLButtonElement).click();
    expect(onCopy).toHaveBeenCalledWith(
      "“we must act” — Jane Roe, as quoted in “Headline One”, Pub, January 27, 2026",
    );
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
