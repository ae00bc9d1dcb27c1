/**
 * Schemas of the curated source files in `data/*.yaml`, one file per kind. Each file is a YAML
 * list of entries. The schemas check shape only; references, verbatim text and sources are
 * checked by the compiler (./compile.ts), which knows all files at once.
 */
import { z } from "zod";

/** Entity, quote, stance, ... ids: lowercase words joined by hyphens ("tim-cook"). */
const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "id must be kebab-case, e.g. tim-cook");

/** Source ids: an article's file stem ("000_bfb5c102bb8fd280") or a kebab-case id. */
const sourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "source id must be lowercase letters, digits, - and _");

const text = z.string().trim().min(1, "must not be empty");

const articleSource = z.strictObject({
  id: sourceId,
  kind: z.literal("article"),
  file: text,
  headline: text,
  publisher: text.optional(),
  date: text.optional(),
});

const furtherReportingSource = z.strictObject({
  id: sourceId,
  kind: z.literal("further-reporting"),
  outlet: text,
  headline: text.optional(),
  author: text.optional(),
  date: text.optional(),
  url: z.url().optional(),
});

const sourceEntrySchema = z.discriminatedUnion("kind", [articleSource, furtherReportingSource]);

/** A fact from an article: the article id and its own words. */
const articleFact = {
  source: sourceId,
  excerpt: text,
};

const alias = z
  .strictObject({
    text,
    how: z.enum(["full", "alias", "surname", "brand"]),
    case: z.enum(["as-written", "any", "also-lower", "also-domain"]).default("as-written"),
    sharedWith: z.array(kebabId).min(1).optional(),
    /** A surname the news uses alone for this one person (docs/decisions/0006-surname-alone.md). */
    alone: z.literal(true).optional(),
  })
  .refine((entry) => !entry.alone || (entry.how === "surname" && !entry.sharedWith), {
    message: "alone is only for a surname no one else in the dataset shares",
    path: ["alone"],
  });

const entityEntrySchema = z
  .strictObject({
    id: kebabId,
    name: text,
    kind: z.enum(["person", "organization"]),
    category: kebabId,
    roles: z.array(z.strictObject({ text, ...articleFact })).default([]),
    affiliations: z
      .array(z.strictObject({ organization: kebabId, role: text.optional(), ...articleFact }))
      .default([]),
    aliases: z.array(alias).default([]),
    markMode: z.enum(["every", "first"]).default("every"),
  })
  .superRefine((entity, context) => {
    entity.aliases.forEach((entry, index) => {
      // A person's name in a lower-case tag is still the person; only a company has a web address.
      const misplaced =
        (entry.case === "also-lower" && (entity.kind !== "person" || !entry.text.includes(" "))) ||
        (entry.case === "also-domain" && entity.kind !== "organization");
      if (misplaced) {
        context.addIssue({
          code: "custom",
          message:
            entry.case === "also-lower"
              ? "also-lower is only for a person's name of several words"
              : "also-domain is only for an organization's name",
          path: ["aliases", index, "case"],
        });
      }
    });
  });

const quoteEntrySchema = z.strictObject({
  id: kebabId,
  speaker: kebabId,
  text,
  source: sourceId,
  statement: kebabId,
  /**
   * The version a card shows first and "Copy citation" copies: the speaker's own words in full
   * where an article prints them. Exactly one per statement with several versions (the compiler
   * checks), so the choice is written down rather than falling out of id order.
   */
  lead: z.literal(true).optional(),
  context: z
    .strictObject({
      to: text.optional(),
      where: text.optional(),
      when: text.optional(),
      note: text.optional(),
    })
    .default({}),
  excerpt: text,
});

const contractSource = z.strictObject({ source: sourceId, excerpt: text.optional() });

const contractEntrySchema = z.strictObject({
  id: kebabId,
  vendor: kebabId,
  /**
   * A planned solicitation or a bid protest is a contracting fact, not a contract: cards and
   * counts keep it apart.
   */
  kind: z.enum(["contract", "solicitation", "bid-protest"]).default("contract"),
  agency: text,
  program: text.optional(),
  description: text,
  amount: z
    .strictObject({
      text,
      kind: z.enum(["obligated", "ceiling", "potential", "reported", "outlay"]),
    })
    .optional(),
  date: text.optional(),
  layer: z.enum(["article", "further-reporting"]),
  sources: z.array(contractSource).min(1, "every fact needs at least one source"),
});

const stanceEntrySchema = z.strictObject({
  id: kebabId,
  entity: kebabId,
  kind: kebabId,
  summary: text,
  ...articleFact,
});

const eventEntrySchema = z.strictObject({
  id: kebabId,
  date: text,
  what: text,
  entities: z.array(kebabId).default([]),
  ...articleFact,
});

const conflictEntrySchema = z.strictObject({
  id: kebabId,
  topic: text,
  entities: z.array(kebabId).default([]),
  sides: z
    .array(z.strictObject({ claim: text, ...articleFact }))
    .min(2, "a conflict needs at least two sides"),
});

export type SourceEntry = z.infer<typeof sourceEntrySchema>;
export type EntityEntry = z.infer<typeof entityEntrySchema>;
export type QuoteEntry = z.infer<typeof quoteEntrySchema>;
export type ContractEntry = z.infer<typeof contractEntrySchema>;
export type StanceEntry = z.infer<typeof stanceEntrySchema>;
export type EventEntry = z.infer<typeof eventEntrySchema>;
export type ConflictEntry = z.infer<typeof conflictEntrySchema>;

/** Each curated file, by its name in data/, with the word used for its entries in errors. */
export const SOURCE_FILE_KINDS = {
  "sources.yaml": { entry: "source", schema: sourceEntrySchema },
  "entities.yaml": { entry: "entity", schema: entityEntrySchema },
  "quotes.yaml": { entry: "quote", schema: quoteEntrySchema },
  "contracts.yaml": { entry: "contract", schema: contractEntrySchema },
  "stances.yaml": { entry: "stance", schema: stanceEntrySchema },
  "events.yaml": { entry: "event", schema: eventEntrySchema },
  "conflicts.yaml": { entry: "conflict", schema: conflictEntrySchema },
} as const;

export type SourceFileName = keyof typeof SOURCE_FILE_KINDS;
