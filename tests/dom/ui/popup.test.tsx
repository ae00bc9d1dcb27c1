import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCards } from "../../../lib/cards/card-data";
import { summarizePage } from "../../../lib/summary/page-summary";
import { Popup, type PopupProps } from "../../../lib/ui/Popup";
import { miniDataset } from "../../fixtures/mini-dataset";

const cards = [...buildCards(miniDataset).values()];

function show(state: PopupProps["state"]) {
  const root = document.createElement("div");
  document.body.append(root);
  const props = {
    state,
    onJump: vi.fn(),
    onToggleSite: vi.fn(),
    onCopySummary: vi.fn(),
    onOpenSettings: vi.fn(),
  };
  render(<Popup {...props} />, root);
  return { root, ...props };
}

afterEach(() => document.body.replaceChildren());

describe("Popup", () => {
  it("lists people and organizations with counts, and jumps on click", () => {
    const view = summarizePage(
      [
        { entity: "acme", count: 2 },
        { entity: "jane-roe", count: 5 },
      ],
      cards,
    );
    const { root, onJump } = show({ status: "ready", enabled: true, hostname: "news.test", view });
    const rows = [...root.querySelectorAll("[data-entity]")];
    expect(
      rows.map((row) => [
        row.getAttribute("data-entity"),
        row.querySelector("[data-count]")!.textContent,
      ]),
    ).toEqual([
      ["jane-roe", "5"],
      ["acme", "2"],
    ]);
    expect(root.querySelector("[data-totals]")!.textContent).toContain(
      "1 people · 1 organizations",
    );
    (rows[1]!.querySelector("button") as HTMLButtonElement).click();
    expect(onJump).toHaveBeenCalledWith("acme");
  });

  it("has a clear empty state", () => {
    const { root } = show({
      status: "ready",
      enabled: true,
      hostname: "news.test",
      view: summarizePage([], cards),
    });
    expect(root.querySelector("[data-empty]")!.textContent).toContain("Nobody from the dataset");
  });

  it("turns the site off and says so", () => {
    const view = summarizePage([], cards);
    const { root, onToggleSite } = show({
      status: "ready",
      enabled: true,
      hostname: "news.test",
      view,
    });
    const box = root.querySelector("input[type=checkbox]") as HTMLInputElement;
    expect(box.checked).toBe(true);
    box.click();
    expect(onToggleSite).toHaveBeenCalledWith(false);
    const off = show({ status: "ready", enabled: false, hostname: "news.test", view });
    expect(off.root.textContent).toContain("Receipts is off for this site.");
  });
});
