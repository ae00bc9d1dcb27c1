/**
 * Property tests of the DOM adapter (collect → match → mark, and undo) on random trees built in
 * happy-dom with the shipped index: names whole or cut across inline elements (b, i, a, span,
 * em), traps, filler, hostile Unicode, blocks, and regions we must never touch (script, style,
 * textarea, code, pre, contenteditable, hidden, svg). Marking must never throw, never change the
 * page's text, never mark inside an excluded region or another mark, be idempotent, and undo
 * exactly.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { MatchIndex } from "../../../lib/dataset/types";
import { createPagePass } from "../../../lib/dom/page-pass";
import { REGION_LIMITS } from "../../../lib/dom/text-regions";
import { compileMatcherWithSieve } from "../../../lib/matching/sieve-build";

// happy-dom replaces URL, so the path is resolved from the project root (where vitest runs).
const index = JSON.parse(readFileSync(resolve("data/match-index.json"), "utf8")) as MatchIndex;
const matcher = compileMatcherWithSieve(index);

/** Fixed seed: a failure reproduces on every run and every machine. */
const SEED = 20260125;
/** DOM work is slower than pure matching: 200 random pages per property. */
const DOM_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const PROPERTY_TIMEOUT_MS = 120_000;
const SVG_NS = "http://www.w3.org/2000/svg";
/**
 * How the sieve cuts a page it searches whole: subtrees read node by node rather than walked to
 * their hits' text nodes (0: every hit walked to), subtrees split into their children,
 * characters a stretch.
 */
const REGION_SIZES = fc.record({
  leafChars: fc.integer({ min: 0, max: 40 }),
  maxElements: fc.integer({ min: 1, max: 8 }),
  batchChars: fc.integer({ min: 1, max: 64 }),
});

const NAMES = [
  ...new Set(index.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text))),
];
const TRAPS = [
  "Muskrat",
  "metadata",
  "apple pie",
  "a good cook",
  "Oracle of Delphi",
  "WATCH FOR ICE ON ROADS",
  "zoom in",
  "Cookson",
];
const FILLER = ["the", "said", "on Monday", "and", "workers", "letter", ",", ".", "(", ")", "'s"];
const NOISE = [
  "\u00a0",
  "\u00ad",
  "\u200b",
  "\u200d",
  "e\u0301",
  "\u05e9\u05dc\u05d5\u05dd",
  "\ud83d\ude00",
  // Decomposed into more characters by the sieve's fold ("ガ" into two, "한" into three).
  "\u30ac",
  "\ud55c",
];
const INLINE_TAGS = ["b", "i", "a", "span", "em"];
const BLOCK_TAGS = ["p", "div", "li", "h2", "blockquote"];

/** A page described as data, so fast-check can shrink it; built into the DOM by `build`. */
type Spec =
  | { kind: "text"; text: string }
  | { kind: "element"; tag: string; children: Spec[] }
  | { kind: "excluded"; region: ExcludedRegion; text: string };

type ExcludedRegion =
  "script" | "style" | "textarea" | "code" | "pre" | "contenteditable" | "hidden" | "svg";
const EXCLUDED_REGIONS: ExcludedRegion[] = [
  "script",
  "style",
  "textarea",
  "code",
  "pre",
  "contenteditable",
  "hidden",
  "svg",
];
/** Selector for every excluded region the generator makes (and its descendants' ancestors). */
const EXCLUDED_SELECTOR = "script, style, textarea, code, pre, [contenteditable], [hidden], svg";

const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...TRAPS) },
  { weight: 3, arbitrary: fc.constantFrom(...FILLER) },
  { weight: 1, arbitrary: fc.constantFrom(...NOISE) },
);
const separator = fc.constantFrom(" ", " ", "  ", "\n", "\u00a0", "");
const text: fc.Arbitrary<Spec> = fc
  .array(fc.tuple(word, separator), { minLength: 1, maxLength: 6 })
  .map((parts) => ({ kind: "text", text: parts.map(([w, s]) => w + s).join("") }));

/** A name cut in two, the second half (or both) inside inline elements: `<b>Tim</b> Cook`. */
const splitName: fc.Arbitrary<Spec[]> = fc
  .tuple(fc.constantFrom(...NAMES), fc.nat(), fc.constantFrom(...INLINE_TAGS), fc.boolean())
  .map(([name, at, tag, wrapFirst]) => {
    const position = 1 + (at % Math.max(1, name.length - 1));
    const head: Spec = { kind: "text", text: name.slice(0, position) };
    const tail: Spec = { kind: "text", text: name.slice(position) };
    return wrapFirst
      ? [{ kind: "element", tag, children: [head] }, tail]
      : [head, { kind: "element", tag, children: [tail] }];
  });

/**
 * A name whose words lie far apart (the matcher takes any whitespace between them), as written
 * or in lower case, its accents precomposed or decomposed ("Rene\u0301e"), the gap on its own or
 * in an inline element: a stretch the sieve cuts there, or folds around an accent, must still
 * find the name.
 */
const spacedName: fc.Arbitrary<Spec[]> = fc
  .tuple(
    fc.constantFrom(...NAMES.filter((name) => name.includes(" "))),
    fc.boolean(),
    fc.boolean(),
    fc.integer({ min: 40, max: 200 }),
    fc.constantFrom(" ", "\n", " \n"),
    fc.option(fc.constantFrom(...INLINE_TAGS), { nil: undefined }),
  )
  .map(([name, lower, decomposed, length, unit, tag]) => {
    const cased = lower ? name.toLowerCase() : name;
    const written = decomposed ? cased.normalize("NFD") : cased;
    const at = written.indexOf(" ");
    const gap = unit.repeat(Math.ceil(length / unit.length));
    const gapSpec: Spec = { kind: "text", text: gap };
    return [
      { kind: "text", text: written.slice(0, at) },
      tag ? { kind: "element", tag, children: [gapSpec] } : gapSpec,
      { kind: "text", text: written.slice(at + 1) },
    ];
  });

const excluded: fc.Arbitrary<Spec> = fc
  .tuple(fc.constantFrom(...EXCLUDED_REGIONS), fc.constantFrom(...NAMES))
  .map(([region, name]) => ({ kind: "excluded", region, text: `${name} said` }));

const { node: pageSpec } = fc.letrec<{ node: Spec; children: Spec[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 3, arbitrary: text },
    { weight: 2, arbitrary: excluded },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...INLINE_TAGS, ...BLOCK_TAGS), tie("children"))
        .map(([tag, children]): Spec => ({ kind: "element", tag, children: children as Spec[] })),
    },
  ),
  children: fc
    .array(
      fc.oneof(
        tie("node").map((node) => [node as Spec]),
        splitName,
        spacedName,
      ),
      { maxLength: 5 },
    )
    .map((groups) => groups.flat()),
}));

const page = fc.array(pageSpec, { minLength: 1, maxLength: 6 });

function build(spec: Spec): Node {
  if (spec.kind === "text") return document.createTextNode(spec.text);
  if (spec.kind === "element") {
    const element = document.createElement(spec.tag);
    if (spec.tag === "a") element.setAttribute("href", "/elsewhere");
    for (const child of spec.children) element.append(build(child));
    return element;
  }
  return buildExcluded(spec.region, spec.text);
}

function buildExcluded(region: ExcludedRegion, content: string): Node {
  switch (region) {
    case "svg": {
      const svg = document.createElementNS(SVG_NS, "svg");
      const label = document.createElementNS(SVG_NS, "text");
      label.textContent = content;
      svg.append(label);
      return svg;
    }
    case "script": {
      // Data, not code: happy-dom would run a classic script.
      const script = document.createElement("script");
      script.setAttribute("type", "application/json");
      script.textContent = JSON.stringify(content);
      return script;
    }
    case "contenteditable": {
      const editor = document.createElement("div");
      editor.setAttribute("contenteditable", "true");
      editor.append(document.createTextNode(content));
      return editor;
    }
    case "hidden": {
      const hidden = document.createElement("span");
      hidden.setAttribute("hidden", "");
      hidden.append(document.createTextNode(content));
      return hidden;
    }
    default: {
      const element = document.createElement(region);
      element.textContent = content;
      return element;
    }
  }
}

function loadPage(specs: readonly Spec[]): void {
  document.body.replaceChildren(...specs.map(build));
}

function serialised(): string {
  return new XMLSerializer().serializeToString(document.body);
}

function excludedText(): string {
  return [...document.body.querySelectorAll(EXCLUDED_SELECTOR)]
    .map((region) => region.textContent ?? "")
    .join("\u0000");
}

function marks(): Element[] {
  return [...document.body.querySelectorAll("receipts-mark")];
}

afterEach(() => {
  document.body.replaceChildren();
});

describe("page pass properties (real index, random pages)", () => {
  it(
    "never throws, keeps the text, marks nothing excluded or nested, and undoes exactly",
    () => {
      let pagesWithMarks = 0;
      fc.assert(
        fc.property(page, (specs) => {
          loadPage(specs);
          const html = serialised();
          const textBefore = document.body.textContent;
          const excludedBefore = excludedText();

          const pass = createPagePass({ root: document.body, matcher });
          pass.run();
          if (marks().length > 0) pagesWithMarks += 1;

          expect(document.body.textContent).toBe(textBefore);
          expect(excludedText()).toBe(excludedBefore);
          for (const mark of marks()) {
            expect(mark.parentElement?.closest(EXCLUDED_SELECTOR) ?? null).toBeNull();
            expect(mark.parentElement?.closest("receipts-mark") ?? null).toBeNull();
            expect(mark.textContent).not.toBe("");
            expect(mark.getAttribute("data-receipts-entity")).toBeTruthy();
          }

          pass.undo();
          expect(marks()).toEqual([]);
          // The spec: the serialised DOM equals the original, text nodes re-joined.
          expect(serialised()).toBe(html);
        }),
        { numRuns: DOM_RUNS, seed: SEED },
      );
      // The generator must make pages with names on them, or the property proves nothing.
      expect(pagesWithMarks).toBeGreaterThan(DOM_RUNS / 2);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "marking twice equals marking once",
    () => {
      fc.assert(
        fc.property(page, (specs) => {
          loadPage(specs);
          const pass = createPagePass({ root: document.body, matcher });
          pass.run();
          const once = serialised();
          pass.run();
          expect(serialised()).toBe(once);
          pass.undo();
        }),
        { numRuns: DOM_RUNS, seed: SEED },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "each new root scanned later is marked as if it had been there at first, and undone too",
    () => {
      fc.assert(
        fc.property(page, page, (first, later) => {
          loadPage(first);
          const html = serialised();
          const pass = createPagePass({ root: document.body, matcher });
          pass.run();
          const added = later.map(build);
          const textBefore = document.body.textContent + added.map((n) => n.textContent).join("");
          document.body.append(...added);
          pass.run(added);
          expect(document.body.textContent).toBe(textBefore);
          for (const mark of marks()) {
            expect(mark.parentElement?.closest(EXCLUDED_SELECTOR) ?? null).toBeNull();
            expect(mark.parentElement?.closest("receipts-mark") ?? null).toBeNull();
          }
          pass.undo();
          for (const node of added) node.parentNode?.removeChild(node);
          expect(serialised()).toBe(html);
        }),
        { numRuns: DOM_RUNS / 2, seed: SEED },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "the sieve changes nothing: reading only the blocks it points at marks exactly what reading every block marks",
    () => {
      fc.assert(
        fc.property(
          page,
          fc.integer({ min: 1, max: 4 }),
          REGION_SIZES,
          (specs, sliceNodes, sizes) => {
            loadPage(specs);
            // The sieve searches the page's text whole, in stretches, and walks to its hits'
            // text nodes, all in tiny sizes (random pages are small: the defaults read them whole).
            const regionLimits = { ...REGION_LIMITS, ...sizes, minElements: 0 };
            // Match ids come from a counter: compare the marks, not their ids.
            const withoutIds = () => serialised().replace(/data-receipts-match="[^"]*"/g, "");
            // Sliced into tiny pieces (the sieve hands out blocks slice by slice), both ways alike.
            const markSliced = (sieve: boolean): string => {
              const tasks: Array<() => void> = [];
              const pass = createPagePass({
                root: document.body,
                matcher,
                sieve,
                regionLimits,
                sliceBudgetMs: 0,
                slicing: { pieceNodes: sliceNodes, sieveNodes: sliceNodes },
                schedule: (run) => {
                  tasks.push(run);
                  return () => undefined;
                },
              });
              void pass.runSliced();
              while (tasks.length > 0) tasks.shift()?.();
              const marked = withoutIds();
              pass.undo();
              return marked;
            };
            expect(markSliced(true)).toBe(markSliced(false));
            // And whole, in one task.
            const whole = (sieve: boolean): string => {
              const pass = createPagePass({ root: document.body, matcher, sieve, regionLimits });
              pass.run();
              const marked = withoutIds();
              pass.undo();
              return marked;
            };
            expect(whole(true)).toBe(whole(false));
          },
        ),
        { numRuns: DOM_RUNS, seed: SEED },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
