import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import dataset from "../../../data/dataset.json";
import { isMarkable } from "../../../lib/dataset/match-index";
import type { Dataset } from "../../../lib/dataset/types";
import { Options, type OptionsProps } from "../../../lib/ui/Options";

const SITES = ["a.example", "b.example", "c.example"];

function show(overrides: Partial<OptionsProps> = {}) {
  const root = document.createElement("div");
  document.body.append(root);
  const props: OptionsProps = {
    entities: [],
    disabledSites: SITES,
    markModes: {},
    markInFrames: false,
    onEnableSite: vi.fn(),
    onMarkMode: vi.fn(),
    onMarkInFrames: vi.fn(),
    ...overrides,
  };
  render(<Options {...props} />, root);
  /** The storage change arriving: the page renders the new list. */
  const update = (sites: string[]) => render(<Options {...props} disabledSites={sites} />, root);
  return { root, props, update };
}

/** Clicks a site's button as a keyboard user would: focused first. */
function activate(root: HTMLElement, site: string) {
  const button = root.querySelector<HTMLButtonElement>(
    `button[aria-label="Turn back on for ${site}"]`,
  )!;
  button.focus();
  button.click();
}

afterEach(() => document.body.replaceChildren());

describe("Options", () => {
  it("names each site's button with its site", () => {
    const { root, props } = show();
    const names = [...root.querySelectorAll("ul.sites button")].map((button) =>
      button.getAttribute("aria-label"),
    );
    expect(names).toEqual([
      "Turn back on for a.example",
      "Turn back on for b.example",
      "Turn back on for c.example",
    ]);
    activate(root, "b.example");
    expect(props.onEnableSite).toHaveBeenCalledWith("b.example");
  });

  it("lists an earlier build's www. entries as their sites, each once and in order", () => {
    const { root, props } = show({
      disabledSites: ["a.example", "c.example", "www.a.example", "www.b.example", "www2.c.example"],
    });
    const sites = [...root.querySelectorAll("ul.sites li span")].map((span) => span.textContent);
    expect(sites).toEqual(["a.example", "b.example", "c.example", "www2.c.example"]);
    activate(root, "b.example");
    expect(props.onEnableSite).toHaveBeenCalledWith("b.example");
  });

  it("keeps focus in the list when a site's row goes: next row, else the one above, else the empty message", () => {
    const { root, update } = show();
    activate(root, "b.example");
    update(["a.example", "c.example"]);
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Turn back on for c.example");
    activate(root, "c.example");
    update(["a.example"]);
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Turn back on for a.example");
    activate(root, "a.example");
    update([]);
    expect(document.activeElement?.textContent).toContain("None.");
    expect(document.activeElement).not.toBe(document.body);
    // A paragraph takes focus from a script only with a tabindex.
    expect(document.activeElement?.getAttribute("tabindex")).toBe("-1");
  });

  it("moves focus only once the site's row has gone, and never again after", () => {
    const { root, update } = show();
    activate(root, "b.example");
    // Another change arrives first (a site turned off in another window): the row is still there.
    update([...SITES, "d.example"]);
    update(["a.example", "c.example", "d.example"]);
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Turn back on for c.example");
    // Focus elsewhere, a later change to the list leaves it there.
    const frames = root.querySelector<HTMLInputElement>("input[type=checkbox]")!;
    frames.focus();
    update(["a.example"]);
    expect(document.activeElement).toBe(frames);
  });

  it("lists the dataset's people and organizations apart, each with its mark mode", () => {
    const entities = (dataset as Dataset).entities.filter(isMarkable);
    const { root, props } = show({ entities });
    const rowsOf = (title: string) => {
      const heading = [...root.querySelectorAll("h2")].find((h2) => h2.textContent === title);
      return [...(heading?.parentElement?.querySelectorAll("th") ?? [])].map(
        (th) => th.textContent,
      );
    };
    const people = rowsOf("Mentions to mark: People");
    const organizations = rowsOf("Mentions to mark: Organizations");
    expect(people).toContain("Tim Cook");
    expect(people).not.toContain("Apple");
    expect(organizations).toContain("Apple");
    expect(organizations).not.toContain("Tim Cook");
    expect(people.length + organizations.length).toBe(entities.length);
    // The unnamed researcher is a speaker with no name to mark.
    expect([...people, ...organizations]).not.toContain("Unnamed Google DeepMind researcher");
    const select = root.querySelector<HTMLSelectElement>(
      'select[aria-label="Mentions of Tim Cook to mark"]',
    )!;
    select.value = "first";
    select.dispatchEvent(new Event("change"));
    expect(props.onMarkMode).toHaveBeenCalledWith("tim-cook", "first");
  });

  it("shows each entity's chosen mode, and choosing the dataset's own clears the choice", () => {
    const entities = [
      { id: "tim-cook", name: "Tim Cook", kind: "person", markMode: "every" } as const,
    ];
    const { root, props } = show({ entities, markModes: { "tim-cook": "first" } });
    const select = root.querySelector<HTMLSelectElement>("select")!;
    expect(select.value).toBe("first");
    select.value = "every";
    select.dispatchEvent(new Event("change"));
    expect(props.onMarkMode).toHaveBeenCalledWith("tim-cook", null);
  });

  it("shows and switches marking in frames", () => {
    const { root, props } = show({ markInFrames: true });
    const box = root.querySelector<HTMLInputElement>("input[type=checkbox]")!;
    expect(box.checked).toBe(true);
    box.click();
    expect(props.onMarkInFrames).toHaveBeenCalledWith(false);
  });

  it("says the frames setting applies to pages opened from now on", () => {
    const { root } = show();
    const box = root.querySelector<HTMLInputElement>("input[type=checkbox]")!;
    const note = document.getElementById(box.getAttribute("aria-describedby") ?? "");
    expect(note?.textContent).toContain("Applies to pages opened from now on");
  });
});
