/**
 * Precision and recall of the marks against hand labels (tests/fixtures/corpus-labels.tsv).
 * Pure: the labels file's text and the sweep's mentions come in, numbers come out.
 *
 * A label says, for one place on a saved page, whether the text there refers to the entity
 * ("yes": it must be marked as that entity) or not ("no": it must not be marked). Places are
 * offsets into `document.body.textContent` of the page as loaded, which is what the sweep records
 * for each mention (report.ts `Mention.offset`).
 */
import type { Mention } from "./report";

export const LABEL_COLUMNS = ["page", "offset", "text", "entity", "label", "reason"] as const;

export interface Label {
  page: string;
  offset: number;
  text: string;
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
    const [page, offset, labelText, entity, label, reason] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^\d+$/.test(offset))
      throw new Error(`line ${number}: offset "${offset}" is not a whole number`);
    if (label !== "yes" && label !== "no")
      throw new Error(`line ${number}: label must be yes or no, got "${label}"`);
    if (page === "" || labelText === "" || entity === "")
      throw new Error(`line ${number}: empty page, text or entity`);
    labels.push({
      page,
      offset: Number(offset),
      text: labelText,
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
  kind: "missed" | "wrong-entity" | "false-mark" | "unlabelled-mark" | "page-not-swept";
  page: string;
  offset?: number;
  text?: string;
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

/**
 * @param mentionsByPage the sweep's mentions of each swept page; a labelled page missing here is
 *   reported, not counted.
 */
export function computeQuality(labels: Label[], mentionsByPage: Map<string, Mention[]>): Quality {
  const quality: Quality = {
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
    precision: undefined,
    recall: undefined,
    issues: [],
  };
  const labelledPlaces = new Set<string>();
  const missingPages = new Set<string>();
  for (const label of labels) {
    const mentions = mentionsByPage.get(label.page);
    if (!mentions) {
      missingPages.add(label.page);
      continue;
    }
    labelledPlaces.add(`${label.page}\u0000${label.offset}`);
    const mention = mentions.find((candidate) => candidate.offset === label.offset);
    const where = { page: label.page, offset: label.offset, text: label.text };
    if (label.refersToEntity) {
      if (mention?.entity === label.entity) quality.truePositives += 1;
      else {
        quality.falseNegatives += 1;
        if (mention) {
          quality.falsePositives += 1;
          quality.issues.push({
            kind: "wrong-entity",
            ...where,
            detail: `marked as ${mention.entity}, is ${label.entity}`,
          });
        } else {
          quality.issues.push({
            kind: "missed",
            ...where,
            detail: `not marked; is ${label.entity} (${label.reason})`,
          });
        }
      }
    } else if (mention) {
      quality.falsePositives += 1;
      quality.issues.push({
        kind: "false-mark",
        ...where,
        detail: `marked as ${mention.entity}; ${label.reason}`,
      });
    } else {
      quality.trueNegatives += 1;
    }
  }
  for (const page of missingPages) {
    quality.issues.push({
      kind: "page-not-swept",
      page,
      detail: "labelled, but not in this sweep",
    });
  }
  const labelledPages = new Set(labels.map((label) => label.page));
  for (const [page, mentions] of mentionsByPage) {
    if (!labelledPages.has(page)) continue;
    for (const mention of mentions) {
      if (labelledPlaces.has(`${page}\u0000${mention.offset}`)) continue;
      quality.issues.push({
        kind: "unlabelled-mark",
        page,
        offset: mention.offset,
        text: mention.text,
        detail: `marked as ${mention.entity} (${mention.how}); add a label`,
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
      issue.offset === undefined
        ? issue.page
        : `${issue.page} @${issue.offset} "${issue.text ?? ""}"`;
    lines.push(`  ${issue.kind}: ${place}: ${issue.detail}`);
  }
  return lines.join("\n");
}

/** The pages the labels are about, in first-seen order: what `--quality` sweeps. */
export function labelledPages(labels: Label[]): string[] {
  return [...new Set(labels.map((label) => label.page))];
}
