/**
 * Precision and recall of the marks against hand labels (tests/fixtures/corpus-labels.tsv).
 * Pure: the labels file's text and each page's candidates (scripts/sweep/candidates.ts) come in,
 * numbers come out.
 *
 * A label says, for one place on a page, whether the text there refers to the entity ("yes": it
 * must be marked as that entity) or not ("no": it must not be marked). A place is (page, text,
 * occurrence): the text as written and its number among the candidates of the same text on the
 * page, in the page's collected text (the same collect + matcher as the extension, in Node via
 * linkedom). Every candidate is an occurrence of a dataset alias in any letter case, so the labels
 * cover every mark and every near miss.
 */
import type { PageCandidates } from "./candidates";

export const LABEL_COLUMNS = ["page", "text", "occurrence", "entity", "label", "reason"] as const;

export interface Label {
  page: string;
  text: string;
  occurrence: number;
  entity: string;
  refersToEntity: boolean;
  reason: string;
  line: number;
}

/** Parses the labels TSV (header first, `#` lines are comments); throws with the line number. */
export function parseLabels(text: string): Label[] {
  const lines = text.split("\n");
  const labels: Label[] = [];
  let sawHeader = false;
  lines.forEach((raw, at) => {
    const line = raw.replace(/\r$/, "");
    const number = at + 1;
    if (line.trim() === "" || line.startsWith("#")) return;
    const cells = line.split("\t");
    if (!sawHeader) {
      if (cells.join("\t") !== LABEL_COLUMNS.join("\t")) {
        throw new Error(`line ${number}: the header must be ${LABEL_COLUMNS.join(" <tab> ")}`);
      }
      sawHeader = true;
      return;
    }
    if (cells.length !== LABEL_COLUMNS.length) {
      throw new Error(`line ${number}: ${cells.length} columns, expected ${LABEL_COLUMNS.length}`);
    }
    const [page, labelText, occurrence, entity, label, reason] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^[1-9]\d*$/.test(occurrence))
      throw new Error(`line ${number}: occurrence "${occurrence}" is not a number from 1`);
    if (label !== "yes" && label !== "no")
      throw new Error(`line ${number}: label must be yes or no, got "${label}"`);
    if (page === "" || labelText === "" || entity === "")
      throw new Error(`line ${number}: empty page, text or entity`);
    labels.push({
      page,
      text: labelText,
      occurrence: Number(occurrence),
      entity,
      refersToEntity: label === "yes",
      reason,
      line: number,
    });
  });
  if (!sawHeader) throw new Error("no header line");
  return labels;
}

export interface QualityIssue {
  kind: "missed" | "wrong-entity" | "false-mark" | "unlabelled" | "stale-label" | "page-not-read";
  page: string;
  text?: string;
  occurrence?: number;
  detail: string;
}

export interface Quality {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Undefined when nothing was marked at a labelled place. */
  precision: number | undefined;
  /** Undefined when no label says "yes". */
  recall: number | undefined;
  issues: QualityIssue[];
}

const placeKey = (page: string, text: string, occurrence: number) =>
  `${page}\u0000${text}\u0000${occurrence}`;

/**
 * @param pages the candidates of each page read; a labelled page missing here is reported, not
 *   counted. A candidate no label covers, and a label no candidate matches, are reported too.
 */
export function computeQuality(
  labels: readonly Label[],
  pages: readonly PageCandidates[],
): Quality {
  const quality: Quality = {
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
    precision: undefined,
    recall: undefined,
    issues: [],
  };
  const candidates = new Map(
    pages.flatMap((page) =>
      page.candidates.map(
        (candidate) =>
          [placeKey(page.page, candidate.text, candidate.occurrence), candidate] as const,
      ),
    ),
  );
  const readPages = new Set(pages.map((page) => page.page));
  const labelled = new Set<string>();
  const missingPages = new Set<string>();
  for (const label of labels) {
    if (!readPages.has(label.page)) {
      missingPages.add(label.page);
      continue;
    }
    const key = placeKey(label.page, label.text, label.occurrence);
    labelled.add(key);
    const where = { page: label.page, text: label.text, occurrence: label.occurrence };
    const candidate = candidates.get(key);
    if (!candidate) {
      quality.issues.push({
        kind: "stale-label",
        ...where,
        detail: `line ${label.line}: no such place on the page any more`,
      });
      continue;
    }
    const mark = candidate.mark;
    if (label.refersToEntity) {
      if (mark?.entity === label.entity) quality.truePositives += 1;
      else {
        quality.falseNegatives += 1;
        if (mark) {
          quality.falsePositives += 1;
          quality.issues.push({
            kind: "wrong-entity",
            ...where,
            detail: `marked as ${mark.entity}, is ${label.entity}: ${label.reason}`,
          });
        } else {
          quality.issues.push({
            kind: "missed",
            ...where,
            detail: `not marked; is ${label.entity}: ${label.reason}`,
          });
        }
      }
    } else if (mark) {
      quality.falsePositives += 1;
      quality.issues.push({
        kind: "false-mark",
        ...where,
        detail: `marked as ${mark.entity} (${mark.how}); ${label.reason}`,
      });
    } else {
      quality.trueNegatives += 1;
    }
  }
  for (const page of missingPages) {
    quality.issues.push({ kind: "page-not-read", page, detail: "labelled, but not read" });
  }
  for (const page of pages) {
    for (const candidate of page.candidates) {
      if (labelled.has(placeKey(page.page, candidate.text, candidate.occurrence))) continue;
      const mark = candidate.mark
        ? `marked as ${candidate.mark.entity} (${candidate.mark.how})`
        : "not marked";
      quality.issues.push({
        kind: "unlabelled",
        page: page.page,
        text: candidate.text,
        occurrence: candidate.occurrence,
        detail: `${mark}; add a label: ${candidate.context}`,
      });
    }
  }
  const predicted = quality.truePositives + quality.falsePositives;
  const relevant = quality.truePositives + quality.falseNegatives;
  quality.precision = predicted === 0 ? undefined : quality.truePositives / predicted;
  quality.recall = relevant === 0 ? undefined : quality.truePositives / relevant;
  return quality;
}

function percent(value: number | undefined): string {
  return value === undefined ? "n/a" : `${(value * 100).toFixed(1)}%`;
}

export function formatQuality(quality: Quality): string {
  const lines = [
    `precision ${percent(quality.precision)}  recall ${percent(quality.recall)}` +
      `  (${quality.truePositives} right, ${quality.falsePositives} wrong marks, ${quality.falseNegatives} missed, ${quality.trueNegatives} rightly unmarked)`,
  ];
  for (const issue of quality.issues) {
    const place =
      issue.text === undefined
        ? issue.page
        : `${issue.page} "${issue.text}" #${issue.occurrence ?? 0}`;
    lines.push(`  ${issue.kind}: ${place}: ${issue.detail}`);
  }
  return lines.join("\n");
}

/** The pages the labels are about, in first-seen order: what `--quality` sweeps. */
export function labelledPages(labels: readonly Label[]): string[] {
  return [...new Set(labels.map((label) => label.page))];
}
