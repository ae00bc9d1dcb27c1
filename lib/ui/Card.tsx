/**
 * The card: what a person or company actually said, where, and what their organization does for
 * ICE. Pure rendering of CardData; every string comes from the dataset and is rendered as text.
 */
import type { AmountKind, MatchHow, QuoteContext } from "../dataset/types";
import type { CardContract, CardData, CardStatement, SourceRef } from "../cards/card-data";
import { formatQuoteCitation, formatSource } from "../cards/citation";

export interface CardProps {
  /** Undefined while it loads; null when the background had none to give. */
  card: CardData | null | undefined;
  /** The entity's name while its card data loads. */
  name: string;
  how: MatchHow;
  onClose(): void;
  onCopy(text: string): void;
}

const WHY_HIGHLIGHTED: Record<MatchHow, string> = {
  full: "Highlighted because the full name appears here.",
  alias: "Highlighted because another name for them appears here.",
  surname: "Highlighted because the surname follows the full name earlier on this page.",
  // Companies and agencies alike (ICE): every brand alias names an organization.
  brand: "Highlighted as the organization’s name (capitalized, outside ordinary phrases).",
};

/** A surname declared `alone` (decision 0006) marks with no full name before it. */
const WHY_SURNAME_ALONE = "Highlighted because the news names them by this surname alone.";

/**
 * How an amount's kind reads on the card where its name alone would not; "obligated" and "outlay"
 * read as they are.
 */
const AMOUNT_KIND: Partial<Record<AmountKind, string>> = {
  ceiling: "ceiling value",
  potential: "potential value",
  reported: "as reported",
};

function SourceLine({ source }: { source: SourceRef }) {
  return (
    <cite class="source">
      {source.kind === "further-reporting" ? "Further reporting: " : "Article: "}
      {formatSource(source)}
    </cite>
  );
}

/** The article's own words behind a line the dataset words (a stance, a side, an event). */
function Words({ excerpt }: { excerpt?: string | undefined }) {
  return excerpt ? (
    <details class="words">
      <summary>The article’s words</summary>
      <blockquote>{excerpt}</blockquote>
    </details>
  ) : null;
}

/** Where, when and to whom, as the article gives it. */
function Context({ context }: { context: QuoteContext }) {
  const parts = [context.where, context.when, context.to && `to ${context.to}`].filter(Boolean);
  if (parts.length === 0 && !context.note) return null;
  return (
    <p class="context">
      {parts.join(" · ")}
      {parts.length > 0 && context.note ? " — " : ""}
      {context.note}
    </p>
  );
}

/** Words a quote's button is named by, so that a screen reader tells the buttons apart. */
const OPENING_WORDS = 6;

/** A quote's first words, in quotation marks: “We are not going to…”. */
function opening(text: string): string {
  const words = text.split(" ");
  return `“${words.slice(0, OPENING_WORDS).join(" ")}${words.length > OPENING_WORDS ? "…" : ""}”`;
}

function Statement({
  statement,
  speaker,
  onCopy,
}: {
  statement: CardStatement;
  speaker: string;
  onCopy(text: string): void;
}) {
  const [first, ...others] = statement.variants;
  if (!first) return null;
  return (
    <li class="statement">
      <blockquote>
        <p>“{first.text}”</p>
      </blockquote>
      <Context context={first.context} />
      <SourceLine source={first.source} />
      {others.length > 0 && (
        <div class="variants">
          <p class="label">Other wordings:</p>
          <ul>
            {others.map((variant) => (
              <li key={variant.quoteId}>
                <q>{variant.text}</q> <SourceLine source={variant.source} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <button
        type="button"
        class="copy"
        aria-label={`Copy citation: ${opening(first.text)}`}
        onClick={() => onCopy(formatQuoteCitation(speaker, first))}
      >
        Copy citation
      </button>
    </li>
  );
}

function Contract({ contract }: { contract: CardContract }) {
  const layer = contract.layer === "article" ? "From the articles" : "Further reporting";
  return (
    <li class={`contract layer-${contract.layer}`}>
      <span class="layer">{layer}</span>
      <p>
        <strong>{contract.vendor.name}</strong> · {contract.agency}
        {contract.program && <> · {contract.program}</>}
        {contract.date && <> · {contract.date}</>}
      </p>
      <p class="amount">
        {contract.amount
          ? `${contract.amount.text} (${AMOUNT_KIND[contract.amount.kind] ?? contract.amount.kind})`
          : "No amount stated"}
      </p>
      <p>{contract.description}</p>
      {contract.sources.map((line) => (
        <SourceLine key={line.source.id} source={line.source} />
      ))}
    </li>
  );
}

export function Card({ card, name, how, onClose, onCopy }: CardProps) {
  // Ids in the card's shadow root cannot clash with the page's.
  const titleId = "title";
  return (
    <section class="card" role="dialog" aria-labelledby={titleId} tabIndex={-1}>
      {/* Not a <header>: inside a dialog, browsers make one the page's banner landmark. */}
      <div class="head">
        <h2 id={titleId}>{card?.name ?? name}</h2>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {/*
        Named: Firefox makes a scrolling element a tab stop of its own (Chromium does when it holds
        none), which a screen reader would otherwise announce with no name.
      */}
      <div
        class="body"
        role="group"
        aria-label={`What the sources say about ${card?.name ?? name}`}
      >
        {!card && (
          <p class="muted">{card === null ? "This card could not be loaded." : "Loading…"}</p>
        )}
        {card && (
          <>
            {card.roles.map((role) => (
              <div class="role" key={role.text}>
                <p>{role.text}</p>
                {role.sources.map((source) => (
                  <SourceLine key={source.id} source={source} />
                ))}
              </div>
            ))}
            <p class="why">
              {how === "surname" && card.surnameAlone ? WHY_SURNAME_ALONE : WHY_HIGHLIGHTED[how]}
            </p>
            {card.statements.length > 0 && (
              <section>
                <h3>What they said</h3>
                <ul>
                  {card.statements.map((statement) => (
                    <Statement
                      key={statement.id}
                      statement={statement}
                      speaker={card.name}
                      onCopy={onCopy}
                    />
                  ))}
                </ul>
              </section>
            )}
            {card.stances.length > 0 && (
              <section>
                <h3>What the articles report</h3>
                <ul class="stances">
                  {card.stances.map((stance) => (
                    <li key={stance.source.id + stance.text}>
                      {stance.text} <SourceLine source={stance.source} />
                      <Words excerpt={stance.excerpt} />
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {card.conflicts.length > 0 && (
              <section>
                <h3>Where sources disagree</h3>
                {card.conflicts.map((conflict) => (
                  <div class="conflict" key={conflict.id}>
                    {/* A heading, so a screen reader can go from one disagreement to the next. */}
                    <h4 class="label">{conflict.topic}</h4>
                    <ul>
                      {conflict.sides.map((side) => (
                        <li key={side.source.id + side.claim}>
                          {side.claim} <SourceLine source={side.source} />
                          <Words excerpt={side.excerpt} />
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </section>
            )}
            {card.showsContracts && (
              <section>
                <h3>Known ICE contracts{card.contractsOf && ` of ${card.contractsOf}`}</h3>
                {card.contracts.length === 0 ? (
                  <p class="muted">None in the dataset.</p>
                ) : (
                  <ul class="contracts">
                    {card.contracts.map((contract) => (
                      <Contract key={contract.id} contract={contract} />
                    ))}
                  </ul>
                )}
                {card.notContracts.length > 0 && (
                  <>
                    <p class="label">Planned purchases and bid protests, not contracts:</p>
                    <ul class="contracts">
                      {card.notContracts.map((fact) => (
                        <Contract key={fact.id} contract={fact} />
                      ))}
                    </ul>
                  </>
                )}
              </section>
            )}
            {card.events.length > 0 && (
              <section>
                <h3>Timeline, as reported</h3>
                <ul class="events">
                  {card.events.map((event) => (
                    <li key={event.id}>
                      <strong>{event.date}</strong>: {event.what}{" "}
                      <SourceLine source={event.source} />
                      <Words excerpt={event.excerpt} />
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {card.members.length > 0 && (
              <section>
                <h3>People in the dataset</h3>
                <p>{card.members.map((member) => member.name).join(", ")}</p>
              </section>
            )}
          </>
        )}
      </div>
    </section>
  );
}
