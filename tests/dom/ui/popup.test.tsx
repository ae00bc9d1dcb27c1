import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCards } from "../../../lib/cards/card-data";
import { summarizePage } from "../../../lib/summary/page-summary";
import { Popup, type PopupProps } from "../../../lib/ui/Popup";
import { miniDataset } from "../../fixtures/mini-dataset";

const cards = [...buildCards(miniDataset).values()];

function show(state: PopupProps["state"], notice: PopupProps["notice"] = null) {
  const root = document.createElement("div");
  document.body.append(root);
  const props = {
    state,
    notice,
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
    const { root, onJump } = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view,
      reading: "done",
    });
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
    expect(root.querySelector("[data-totals]")!.textContent).toBe(
      "1 person · 1 organization · 2 quotes · 2 contracts",
    );
    expect(
      rows.map((row) => row.querySelector("[data-count]")!.getAttribute("aria-label")),
    ).toEqual(["5 mentions", "2 mentions"]);
    (rows[1]!.querySelector("button") as HTMLButtonElement).click();
    expect(onJump).toHaveBeenCalledWith("acme");
  });

  it("names each entity with its first role under its kind's heading, and says what a click does", () => {
    const view = summarizePage(
      [
        { entity: "acme", count: 2 },
        { entity: "jane-roe", count: 5 },
      ],
      cards,
    );
    const { root } = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view,
      reading: "done",
    });
    expect([...root.querySelectorAll("h2")].map((h2) => h2.textContent)).toEqual([
      "People",
      "Organizations",
    ]);
    const roe = root.querySelector("[data-entity=jane-roe] button")!;
    expect(roe.querySelector(".name")!.textContent).toBe("Jane Roe");
    expect(roe.querySelector(".role")!.textContent).toBe("Acme CEO");
    expect(roe.getAttribute("title")).toBe("Scroll to the next mention of Jane Roe");
    // Acme has no role in the dataset: no empty role line.
    expect(root.querySelector("[data-entity=acme] .role")).toBeNull();
    // Only organizations on the page: no empty People list.
    const organizationsOnly = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view: summarizePage([{ entity: "acme", count: 1 }], cards),
      reading: "done",
    });
    expect([...organizationsOnly.root.querySelectorAll("h2")].map((h2) => h2.textContent)).toEqual([
      "Organizations",
    ]);
  });

  it("counts quotes and contracts each in its own place", () => {
    const view = summarizePage([{ entity: "acme", count: 1 }], cards);
    const { root } = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view: { ...view, totals: { people: 2, organizations: 3, quotes: 4, contracts: 5 } },
      reading: "done",
    });
    expect(root.querySelector("[data-totals]")!.textContent).toBe(
      "2 people · 3 organizations · 4 quotes · 5 contracts",
    );
  });

  it("opens the settings from its footer", () => {
    const { root, onOpenSettings } = show({ status: "loading" });
    root.querySelector<HTMLButtonElement>("footer button")!.click();
    expect(onOpenSettings).toHaveBeenCalledTimes(1);
  });

  it("has a clear empty state", () => {
    const { root } = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view: summarizePage([], cards),
      reading: "done",
    });
    expect(root.querySelector("[data-empty]")!.textContent).toContain("Nobody from the dataset");
    // Nothing to count or copy.
    expect(root.querySelector("[data-totals]")).toBeNull();
    expect(root.querySelector("button.copy")).toBeNull();
  });

  it("turns the site off and says so", () => {
    const view = summarizePage([], cards);
    const { root, onToggleSite } = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view,
      reading: "done",
    });
    const box = root.querySelector("input[type=checkbox]") as HTMLInputElement;
    expect(box.checked).toBe(true);
    box.click();
    expect(onToggleSite).toHaveBeenCalledWith(false);
    const off = show({
      status: "ready",
      enabled: false,
      site: "news.test",
      view,
      reading: "done",
    });
    expect(off.root.textContent).toContain("Receipts is off for this site.");
  });

  it("says one mention, person, organization, quote and contract in the singular", () => {
    const quietOnly = summarizePage([{ entity: "quiet-person", count: 1 }], cards);
    const { root } = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view: { ...quietOnly, totals: { people: 1, organizations: 1, quotes: 1, contracts: 1 } },
      reading: "done",
    });
    expect(root.querySelector("[data-totals]")!.textContent).toBe(
      "1 person · 1 organization · 1 quote · 1 contract",
    );
    expect(root.querySelector("[data-count]")!.getAttribute("aria-label")).toBe("1 mention");
  });

  it("shows partial counts with a quiet note while the page is still being read", () => {
    const view = summarizePage([{ entity: "acme", count: 1 }], cards);
    const { root } = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view,
      reading: "asking",
    });
    expect(root.querySelectorAll("[data-entity]")).toHaveLength(1);
    expect(root.querySelector("[data-reading]")!.textContent).toBe("Still reading this page…");
    expect(root.querySelector("[role=status]")!.getAttribute("aria-busy")).toBe("true");
    const empty = show({
      status: "ready",
      enabled: true,
      site: "news.test",
      view: summarizePage([], cards),
      reading: "asking",
    });
    // Nobody so far is not nobody: no empty state until the page is read.
    expect(empty.root.querySelector("[data-empty]")).toBeNull();
    expect(empty.root.querySelector("[data-reading]")).not.toBeNull();
  });

  it("says a loading page is still loading, not that it cannot be read", () => {
    const { root } = show({ status: "page-loading", asking: true });
    expect(root.textContent).toContain("This page is still loading");
    expect(root.textContent).not.toContain("off limits");
    // While the popup asks on, it will read the page itself; once it stopped, the reader must.
    expect(root.querySelector("[data-page-loading]")!.textContent).toBe(
      "This page is still loading; Receipts will read it once it has.",
    );
    const stopped = show({ status: "page-loading", asking: false });
    expect(stopped.root.querySelector("[data-page-loading]")!.textContent).toBe(
      "This page is still loading. Open Receipts again once it has.",
    );
  });

  it("announces the page's status and the notices in polite live regions that are there from the start", () => {
    const root = document.createElement("div");
    document.body.append(root);
    const handlers = {
      onJump: vi.fn(),
      onToggleSite: vi.fn(),
      onCopySummary: vi.fn(),
      onOpenSettings: vi.fn(),
    };
    render(<Popup state={{ status: "loading" }} {...handlers} />, root);
    const region = root.querySelector("[role=status]")!;
    expect(region.textContent).toBe("Reading this page…");
    // Busy until there is a result to hear.
    expect(region.getAttribute("aria-busy")).toBe("true");

    const view = summarizePage([{ entity: "acme", count: 2 }], cards);
    const ready = { status: "ready", enabled: true, site: "news.test", view } as const;
    render(<Popup state={{ ...ready, reading: "done" }} {...handlers} />, root);
    // The same element: a region created with its content would not be announced.
    expect(root.querySelector("[role=status]")).toBe(region);
    expect(region.getAttribute("aria-busy")).toBe("false");
    expect(region.textContent).toContain("0 people · 1 organization");

    const notices = root.querySelector(".notice[role=status]")!;
    expect(notices.textContent).toBe("");
    render(
      <Popup
        state={{ ...ready, reading: "done" }}
        notice={{ id: 1, text: "Copied" }}
        {...handlers}
      />,
      root,
    );
    expect(root.querySelector(".notice[role=status]")).toBe(notices);
    expect(notices.textContent).toBe("Copied");
  });
});
