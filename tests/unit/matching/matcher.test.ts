import { describe, expect, it } from "vitest";
import {
  compileMatcher,
  createMatchSession,
  findMatches,
  type Match,
  type TextSegment,
} from "../../../lib/matching/index";
import { fixtureIndex } from "./fixture-index";

const matcher = compileMatcher(fixtureIndex);

const oneBlock = (text: string): TextSegment[] => [{ text, block: 0 }];

/** "entity:text" for each match, in order: short to read in tables. */
function marks(text: string | TextSegment[]): string[] {
  const segments = typeof text === "string" ? oneBlock(text) : text;
  return findMatches(matcher, segments).map((match) => `${match.entity}:${match.text}`);
}

/** Every match's offsets must point at its own text in the concatenated segments. */
function expectOffsetsTrue(segments: TextSegment[], matches: Match[]): void {
  const text = segments.map((segment) => segment.text).join("");
  for (const match of matches) expect(text.slice(match.start, match.end)).toBe(match.text);
}

describe("whole words only, with Unicode-aware boundaries", () => {
  it.each([
    ["Elon Musk and a Muskrat", ["elon-musk:Elon Musk"]],
    ["Elon Musk. Muskrat and musk oil", ["elon-musk:Elon Musk"]],
    ["metadata, meta-analysis, Metaverse, Metadata", []],
    ["Googleplex and Googlers", []],
    ["the Palantirs", []],
    ["xGoogle and Google2 and Googleé", []],
    ["ÉGoogle", []],
    ["Palantir, Google; OpenAI.", ["palantir:Palantir", "google:Google", "openai:OpenAI"]],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
});

describe("possessives, hyphens, apostrophes", () => {
  it.each([
    ["Elon Musk's companies", ["elon-musk:Elon Musk"]],
    ["Elon Musk’s companies", ["elon-musk:Elon Musk"]],
    [
      "Elon Musk said it. Musk's view, Musk’s view",
      ["elon-musk:Elon Musk", "elon-musk:Musk", "elon-musk:Musk"],
    ],
    ["Palantir-built software", ["palantir:Palantir"]],
    ["a Palantir‑built tool", ["palantir:Palantir"]],
    ["the anti-ICE protest", ["ice:ICE"]],
    ["an Apple-designed chip", ["apple:Apple"]],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
});

describe("ALL CAPS", () => {
  it.each([
    ["TIM COOK SAYS NOTHING", ["tim-cook:TIM COOK"]],
    ["PALANTIR WINS CONTRACT", ["palantir:PALANTIR"]],
    // Capitals outside an all-caps run are not the name as written.
    ["The firm PALANTIR was quiet", []],
    ["said TIM COOK today", []],
    ["Tim COOK", []],
    ["TIM COOK", ["tim-cook:TIM COOK"]],
    // "ICE" inside an all-caps run is ambiguous: marked only with corroboration.
    ["ICE ON THE ROAD TONIGHT", []],
    ["WATCH OUT FOR ICE TONIGHT", []],
    [
      "WORKERS URGE CEOS TO SPEAK OUT AGAINST ICE AFTER KILLING OF ALEX PRETTI",
      ["ice:ICE", "alex-pretti:ALEX PRETTI"],
    ],
    ["ICE AGENTS RAID HOMES", ["ice:ICE"]],
    ["APPLE PIE RECIPES FOR FALL", []],
    // The run is read from the three nearest words with letters on each side, past punctuation.
    ["Update: HEAVY SNOW AND ICE WARNING FOR M25 DRIVERS", []],
    ["a report on THE FIRM, PALANTIR", []],
    ["PALANTIR (NYSE: PLTR) shares rose", []],
    ["EXCLUSIVE: TIM COOK, APPLE CEO, SPEAKS", ["tim-cook:TIM COOK", "apple:APPLE"]],
    ["shares of PALANTIR ROSE 5%", []],
    // Numbers are no words of the run: they neither make nor break it.
    ["HEAVY SNOW AND ICE WARNING FOR 2 DAYS", []],
    // A word with digits is capitals too: the headline is still a caps run, "ICE" still weak.
    ["SNOW AND ICE WARNING FOR M25 DRIVERS", []],
    // In a caps run a cue before the name corroborates it, and a name that is no ordinary word
    // needs none.
    ["ANTI-ICE PROTESTS SPREAD", ["ice:ICE"]],
    ["SHUTDOWN: DHS FUNDING RUNS OUT", ["dhs:DHS"]],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
});

describe("whitespace, NBSP, soft hyphens and zero-width characters", () => {
  it.each([
    ["Tim\nCook", "Tim\nCook"],
    ["Tim \n\t  Cook", "Tim \n\t  Cook"],
    ["Tim\u00a0Cook", "Tim\u00a0Cook"],
    ["Tim\u202fCook", "Tim\u202fCook"],
    ["Pal\u00adantir", "Pal\u00adantir"],
    ["Ti\u200bm Co\u200cok", "Ti\u200bm Co\u200cok"],
    ["Tim\u200bCook", "Tim\u200bCook"],
    ["Tim \u2060Cook\ufeff", "Tim \u2060Cook"],
    ["Tim\u200d \u00a0Cook", "Tim\u200d \u00a0Cook"],
    ["Rene\u0301e Good", "Rene\u0301e Good"],
    ["Renée Good", "Renée Good"],
  ])("%j is found with offsets on the original text", (text, expectedText) => {
    const segments = oneBlock(`Before: ${text} after.`);
    const matches = findMatches(matcher, segments);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.text).toBe(expectedText);
    expect(matches[0]?.start).toBe("Before: ".length);
    expectOffsetsTrue(segments, matches);
  });

  it("does not join words a zero-width character separates from a longer word", () => {
    expect(marks("Tim\u200bCooking")).toEqual([]);
  });

  it.each([
    // An invisible character in or before the word next to a name does not hide its other sense.
    ["We baked an Apple \u200bpie"],
    ["New York is the Big \u2060Apple"],
    ["the harvest in the Apple or\u00adchards of Washington"],
    ["She picked a Gol\u00adden Apple from the tree"],
  ])("%j: the word next to the name is read whole", (text) => {
    expect(marks(text)).toEqual([]);
  });
});

describe("segments: across inline elements, never across blocks", () => {
  it.each<[string, TextSegment[], string[]]>([
    [
      "<b>Tim</b> Cook",
      [
        { text: "Said ", block: 0 },
        { text: "Tim", block: 0 },
        { text: " Cook", block: 0 },
      ],
      ["tim-cook:Tim Cook"],
    ],
    [
      "<a>Jeff</a> <a>Bezos</a>",
      [
        { text: "Jeff", block: 3 },
        { text: " ", block: 3 },
        { text: "Bezos", block: 3 },
      ],
      ["jeff-bezos:Jeff Bezos"],
    ],
    [
      "<p>Tim</p><p>Cook</p>",
      [
        { text: "Tim", block: 0 },
        { text: "Cook", block: 1 },
      ],
      [],
    ],
    [
      "<p>Tim </p><p>Cook</p>",
      [
        { text: "Tim ", block: 0 },
        { text: "Cook", block: 1 },
      ],
      [],
    ],
    [
      "<p>Google</p><p>DeepMind</p> two blocks, two names",
      [
        { text: "Google", block: 0 },
        { text: "DeepMind", block: 1 },
      ],
      ["google:Google", "google-deepmind:DeepMind"],
    ],
    [
      "<h2>We baked an Apple pie</h2><p>Method…: the next block's word is not read into 'pie'",
      [
        { text: "We baked an Apple pie", block: 0 },
        { text: "Method: heat the oven", block: 1 },
      ],
      [],
    ],
    [
      "<h3>Packaging</h3><p>dry ICE…: the previous block's word is not read into 'dry'",
      [
        { text: "Packaging", block: 0 },
        { text: "dry ICE keeps the samples cold", block: 1 },
      ],
      [],
    ],
    [
      "<i>Pal</i>antir",
      [
        { text: "Pal", block: 0 },
        { text: "antir", block: 0 },
      ],
      ["palantir:Palantir"],
    ],
  ])("%s", (_label, segments, expected) => {
    const matches = findMatches(matcher, segments);
    expect(matches.map((match) => `${match.entity}:${match.text}`)).toEqual(expected);
    expectOffsetsTrue(segments, matches);
  });

  it("a word split across blocks is not a word end: no mark inside 'Muskrat' split over blocks", () => {
    const segments = [
      { text: "Elon Musk", block: 0 },
      { text: "rat", block: 1 },
    ];
    // The block ends after "Musk": that is a boundary, so the full name stands.
    expect(marks(segments)).toEqual(["elon-musk:Elon Musk"]);
  });
});

describe("surname alone", () => {
  it.each([
    ["Cook said nothing. Tim Cook did not comment.", ["tim-cook:Tim Cook"]],
    ["Tim Cook did not comment. Cook said nothing.", ["tim-cook:Tim Cook", "tim-cook:Cook"]],
    ["Jeff Dean spoke. Later, Dean wrote more.", ["jeff-dean:Jeff Dean", "jeff-dean:Dean"]],
    // Another capitalized given name before the surname: a namesake, contested from then on.
    ["Dario Amodei spoke. Daniela Amodei too. Amodei said", ["dario-amodei:Dario Amodei"]],
    ["Jeff Dean spoke. James Dean movies. Dean said", ["jeff-dean:Jeff Dean"]],
    ["James Dean movies. Jeff Dean spoke. Dean said", ["jeff-dean:Jeff Dean"]],
    ["Jeff Dean spoke. J. Dean wrote. Dean said", ["jeff-dean:Jeff Dean"]],
    // Title case is no evidence of a namesake: that mention stays unmarked, the surname is not
    // given away ("College Trump Supporters" on a page about him).
    [
      "Elon Musk spoke.\nCollege Musk Supporters Rally\nLater, Musk said",
      ["elon-musk:Elon Musk", "elon-musk:Musk"],
    ],
    [
      "Elon Musk spoke.\nIs Musk's Empire Failing?\nMusk said",
      ["elon-musk:Elon Musk", "elon-musk:Musk"],
    ],
    // A middle initial after a given name is not "J. Dean".
    [
      "Jeff Dean spoke. Jeffrey A. Dean wrote. Dean said",
      ["jeff-dean:Jeff Dean", "jeff-dean:Dean"],
    ],
    // Honorifics, titles and sentence openers are not given names.
    ["Tim Cook spoke. Mr. Cook said", ["tim-cook:Tim Cook", "tim-cook:Cook"]],
    ["Tim Cook spoke. Apple CEO Cook said", ["tim-cook:Tim Cook", "apple:Apple", "tim-cook:Cook"]],
    ["Tim Cook spoke. But Cook said", ["tim-cook:Tim Cook", "tim-cook:Cook"]],
    ["Tim Cook spoke. On Monday Cook said", ["tim-cook:Tim Cook", "tim-cook:Cook"]],
    ["Tim Cook spoke. President Cook said", ["tim-cook:Tim Cook", "tim-cook:Cook"]],
    ["Tim Cook spoke. Apple's Cook said", ["tim-cook:Tim Cook", "apple:Apple", "tim-cook:Cook"]],
    // An acronym before the surname is no given name; an accented capital is one.
    ["Tim Cook spoke. At WWDC Cook said", ["tim-cook:Tim Cook", "tim-cook:Cook"]],
    ["Tim Cook spoke. Émilie Cook, a chef, said", ["tim-cook:Tim Cook"]],
    // A capitalized word after the surname makes another proper noun.
    ["Tim Cook spoke. The Cook Islands", ["tim-cook:Tim Cook"]],
    ["Tim Cook spoke. Cook County", ["tim-cook:Tim Cook"]],
    ["Jeff Dean spoke. The Dean of Students and Dean's list", ["jeff-dean:Jeff Dean"]],
    ["Jeff Dean spoke. Dean-Charles Chapman", ["jeff-dean:Jeff Dean"]],
    ["Elon Musk spoke. Musk said", ["elon-musk:Elon Musk", "elon-musk:Musk"]],
    ["Elon Musk spoke. a good cook; Cook the pasta", ["elon-musk:Elon Musk"]],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });

  it("a surname no ordinary word shares needs no corroboration where a sentence opens", () => {
    expect(
      marks([
        { text: "Zoom founder Eric Yuan spoke on Monday.", block: 0 },
        { text: "Yuan told investors the company would grow.", block: 1 },
      ]),
    ).toEqual(["zoom:Zoom", "eric-yuan:Eric Yuan", "eric-yuan:Yuan"]);
  });

  it("a surname shared by two people is contested once both full names appeared", () => {
    expect(marks("Greg Brockman and his wife, Anna. Brockman donated.")).toEqual([
      "greg-brockman:Greg Brockman",
      "greg-brockman:Brockman",
    ]);
    expect(marks("Greg Brockman and Anna Brockman donated. Brockman said")).toEqual([
      "greg-brockman:Greg Brockman",
      "anna-brockman:Anna Brockman",
    ]);
    expect(marks("Anna Brockman spoke. Brockman said")).toEqual([
      "anna-brockman:Anna Brockman",
      "anna-brockman:Brockman",
    ]);
  });

  it("Renee Good: the surname is also an ordinary word", () => {
    expect(marks("Renee Good was killed. Good was a mother of three.")).toEqual([
      "renee-good:Renee Good",
      "renee-good:Good",
    ]);
    expect(marks("Renee Good was killed. Good morning, Good luck, Good Friday.")).toEqual([
      "renee-good:Renee Good",
    ]);
    expect(marks("Renee Good was killed. She was a good neighbour; a Good Samaritan.")).toEqual([
      "renee-good:Renee Good",
    ]);
    expect(marks("Good morning. Good was here.")).toEqual([]);
    // "Good" opening a sentence far from her name is the word: it needs corroboration.
    expect(
      marks([
        { text: "Renee Good was killed in Minneapolis.", block: 0 },
        { text: "Good grief, said a neighbour.", block: 1 },
      ]),
    ).toEqual(["renee-good:Renee Good"]);
    expect(marks("Renee Good was killed. Renee Good's family said Good's death")).toEqual([
      "renee-good:Renee Good",
      "renee-good:Renee Good",
      "renee-good:Good",
    ]);
  });
});

describe("a surname declared alone: Trump before his full name (decision 0006)", () => {
  it.each([
    // The news names him "Trump" alone, often before (or without) "Donald Trump".
    ["For months now, Trump has sent federal agents", ["donald-trump:Trump"]],
    ["the Trump administration", ["donald-trump:Trump"]],
    ["Under the Trump administration, ICE agents", ["donald-trump:Trump", "ice:ICE"]],
    [
      "Trump's order. Later, Donald Trump said",
      ["donald-trump:Trump", "donald-trump:Donald Trump"],
    ],
    ["Mr. Trump said", ["donald-trump:Trump"]],
    ["TRUMP SPAC DEAL", ["donald-trump:TRUMP"]],
    // Things named after him are his, as the labels count them.
    ["lobbying at Trump Tower", ["donald-trump:Trump"]],
    ["Donald J. Trump (@realDonaldTrump)", ["donald-trump:Trump"]],
    ["the Trump-era tariffs and the Trump-O-Meter", ["donald-trump:Trump", "donald-trump:Trump"]],
    ["the Donald Trump-era tariffs", ["donald-trump:Donald Trump"]],
    // Function words of title-case headlines are no given names.
    ["What Is Really Unprecedented Is Trump's Criminality", ["donald-trump:Trump"]],
    ["More Electors Than Trump", ["donald-trump:Trump"]],
    // Namesakes: a given name, an initial, a woman's honorific, Jr. and Sr.
    ["Melania Trump spoke", []],
    ["Ivanka Trump and Eric Trump", []],
    ["Man Who Harassed Ivanka Trump On Plane", []],
    ["his father Fred Trump", []],
    ["J. Trump @liquoronurlips", []],
    ["Ms. Trump and her husband", []],
    ["Mrs. Trump wore", []],
    ["Donald Trump Jr. tweeted", []],
    ["Donald Trump, Jr. tweeted", []],
    ["Trump Jr. tweeted", []],
    // A namesake does not give the surname away: "Trump" alone is still him.
    ["Melania Trump spoke. Trump said", ["donald-trump:Trump"]],
    // The card game and the verb are lower case; a "Trump card" is a card.
    ["played a trump card to trump them", []],
    ["Trump card in hand", []],
    ["plus 21 Trump cards known as the Major Arcana", []],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });

  it("an ordinary surname still needs the full name first", () => {
    expect(marks("Musk said. Elon Musk spoke.")).toEqual(["elon-musk:Elon Musk"]);
  });
});

describe("Trump after a capital in a title-case headline (decision 0006, addendum)", () => {
  it.each([
    // A capitalized word after it (or after "'s", or inside a quote) shows title case: the
    // capital before it is a headline word, not a given name. Headlines of the corpus labels.
    ["Republicans Go to the Mattresses to Defend Trump From the Feds"],
    ["College Trump Supporters: “We’re The New Counterculture”"],
    ["by Attacking Media ‘Puppets’ for Inaccurate Trump Coverage"],
    ["Are There Any Un-Angry Trump Supporters?"],
    ["‘Entirely Possible’ He Resents Trump’s Foreign Policy"],
    ["Ukraine Ambassador Describes Trump’s ‘Shocking’ Smear Campaign"],
    // A short word title case keeps lower, after two capitals that open no sentence.
    ["Republicans Are Following Trump to Nowhere"],
  ])("%j marks him", (text) => {
    expect(marks(text)).toEqual(["donald-trump:Trump"]);
  });

  it.each([
    // In title case, the given names the `trump` rule declares are still namesakes.
    ["Ivanka Trump And Family Took A Different Route"],
    ["Lara Trump Says She Will Not Run"],
    ["Melania Trump Wears Gucci"],
    ["Tom Ford on Dressing Melania Trump’s Image"],
    ["Writer Suspended for Barron Trump ‘Homeschool Shooter’ Tweet"],
    ["Judd Trump Wins the Masters"],
    ["Donald Trump Jr. Says"],
    // Outside title case any capital before it is a given name, as before.
    ["Jane Trump said"],
    ["He met Jane Trump in Ohio"],
    ["Yesterday Jane Trump to Reuters"],
    ["Ivanka Trump, Eric Trump"],
    ["Jane Trump: ‘She Can Barely Speak’"],
  ])("%j stays unmarked", (text) => {
    expect(marks(text)).toEqual([]);
  });
});

describe("other senses of a name: the verb, a state's department", () => {
  it.each([
    // "to Google" + an object: the verb
    ["she needed to Google the words czar and ignoramus", []],
    ["I had to Google it", []],
    ["try to Google their names", []],
    // "to Google" the company
    ["the startup sold to Google in 2015", ["google:Google"]],
    ["according to Google the figure is wrong", ["google:Google"]],
    ["according to Google, nothing", ["google:Google"]],
    ["He went to Google and Meta", ["google:Google", "meta:Meta"]],
    ["to Google's surprise", ["google:Google"]],
    ["a letter to Google CEO Sundar Pichai", ["google:Google", "sundar-pichai:Sundar Pichai"]],
    ["Google the words", ["google:Google"]],
    // A state before DHS: the state's own department (Human Services)
    ["MN DHS announces 3 mistakes", []],
    ["the Minnesota DHS said", []],
    ["New York DHS", []],
    ["Minnesota’s DHS oversees child care", []],
    ["The state's DHS has been under scrutiny", []],
    ["a county DHS office", []],
    // Homeland Security
    ["a DHS spokesperson", ["dhs:DHS"]],
    ["in DHS custody", ["dhs:DHS"]],
    ["ICE or DHS agents", ["ice:ICE", "dhs:DHS"]],
    ["ICE AGENTS IN DHS CUSTODY", ["ice:ICE", "dhs:DHS"]],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
});

describe("ordinary words: only in their proper-noun sense", () => {
  it.each([
    // Amazon
    ["Deforestation in the Amazon rainforest", []],
    ["fish of the Amazon River and the Amazon basin", []],
    ["while the Amazon burns", []],
    ["I bought it on Amazon yesterday", ["amazon:Amazon"]],
    [
      "Amazon Web Services and Amazon",
      ["amazon-web-services:Amazon Web Services", "amazon:Amazon"],
    ],
    ["Amazon's warehouses", ["amazon:Amazon"]],
    // A capitalized word that opens a sentence is no title case.
    ["But Amazon is hiring again", ["amazon:Amazon"]],
    ["Amazon.com and Amazon.co.jp", ["amazon:Amazon", "amazon:Amazon"]],
    // Apple
    ["New York is the Big Apple", []],
    ["We baked an Apple pie and Apple Crumble", []],
    ["an apple a day", []],
    ["Apple stops Nest sales", ["apple:Apple"]],
    ["Apple Watch sales fell", ["apple:Apple"]],
    ["products from Apple and Google", ["apple:Apple", "google:Google"]],
    ["Brie & Golden Apple Panini", []],
    // After an article, the company modifies the word that follows; where nothing follows, or
    // only a small word, the capital is the fruit's (a headline's title case, an idiom).
    ["An Apple a Day Keeps the Doctor Away", []],
    ["Why an Apple a Day Still Matters", []],
    ["She Gave Him an Apple", []],
    ["Teachers Get an Apple for Their Desk", []],
    ["He was the Apple of her eye.", []],
    ["the Apple ecosystem", ["apple:Apple"]],
    ["an Apple spokesperson said", ["apple:Apple"]],
    ["an Apple and Google partnership", ["apple:Apple", "google:Google"]],
    // Oracle
    ["the Oracle of Delphi spoke", []],
    ["the Oracle of Omaha", []],
    ["databases from Oracle and IBM", ["oracle:Oracle"]],
    ["Oracle Cloud Infrastructure", ["oracle:Oracle"]],
    // Meta
    ["Meta-analysis of trials", []],
    ["the mad Meta Ridley", []],
    ["a post shared on Meta and Google", ["meta:Meta", "google:Google"]],
    ["Meta CEO Mark Zuckerberg", ["meta:Meta", "mark-zuckerberg:Mark Zuckerberg"]],
    // Signal
    ["a weak signal", []],
    ["Signal strength was low", []],
    // "a signal to": the noun, in a headline too, where "to" after a company is its verb.
    ["Biden Sends a Signal to Putin", []],
    ["Fed Sends Signal to Markets on Rates", []],
    ["users switched from WhatsApp to Signal to protect their chats", ["signal:Signal"]],
    // A plural in parentheses is no possessive.
    ["Signal(s) from the sensor are logged", []],
    // A product name with a lower-case first letter after it is no title case.
    ["users of Signal iOS and Android", ["signal:Signal"]],
    ["via Signal at 347", ["signal:Signal"]],
    [
      "Signal president Meredith Whittaker",
      ["signal:Signal", "meredith-whittaker:Meredith Whittaker"],
    ],
    // Zoom
    ["Zoom in on the map", []],
    ["Zoom out", []],
    ["Zoom", []],
    ["a call on Zoom today", ["zoom:Zoom"]],
    ["Zoom call with the team", ["zoom:Zoom"]],
    // "the Zoom" is the company: no article makes it weak.
    ["she joined the Zoom late", ["zoom:Zoom"]],
    // Chef
    ["Top Chef winner", []],
    ["Chef Gordon Ramsay cooks", []],
    ["GitHub and Chef saw public backlashes", ["github:GitHub", "chef:Chef"]],
    // ICE
    ["ice on the road", []],
    ["Ice on the road", []],
    ["ICE agents shot a citizen", ["ice:ICE"]],
    ["contracts with ICE and DHS", ["ice:ICE", "dhs:DHS"]],
    ["ICE vehicles outsell EVs", []],
    ["the ICE train to Munich", []],
    ["VANILLA ICE CREAM", []],
    // Good
    ["a good cook", []],
    ["Good morning", []],
    // Wired
    ["Wired or wireless, the choice is yours.", []],
    // Sentence start is weak evidence for ordinary words
    ["Signal. Zoom. Oracle. Meta.", []],
    ["Apple", []],
    // A sentence opens after an opening quote, a question, a parenthesis and a period, or an
    // abbreviation in capitals at its end.
    ["“Apple or pear?” she asked.", []],
    ["She paused.“Apple or pear?”", []],
    ["Which fruit? Apple or pear.", []],
    ["The fruit was fresh (picked that morning). Apple or pear, it was sweet.", []],
    ["Fruit prices rose in the UK. Apple or pear, both cost more.", []],
    // A block that opens with the period: no word before it to read.
    [". Apple or pear?", []],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });

  it.each([
    // Quotation marks, brackets, bullets and dashes open a sentence before its first word.
    ['"Apple or pear?" she asked.'],
    ["'Apple or pear?' she asked."],
    ["„Apple oder Birne?“ fragte sie."],
    ["«Apple or pear?» she asked."],
    ["‹Apple or pear?› she asked."],
    ["(Apple or pear, both work.)"],
    ["[Apple or pear, both work.]"],
    ["{Apple or pear}"],
    ["¿Apple o pera?"],
    ["¡Apple o pera!"],
    ["* Apple or pear"],
    ["- Apple or pear"],
    ["– Apple or pear"],
    ["—Apple or pear, she said."],
    ["# Apple or pear"],
    ["【Apple or pear】"],
    ["「Apple or pear」"],
    ["『Apple or pear』"],
    ["〈Apple or pear〉"],
    ["《Apple or pear》"],
    ["> Apple or pear"],
    // So do the marks that end a sentence, a menu item or a breadcrumb.
    ["Stop! Apple or pear?"],
    ["Dessert: Apple or pear"],
    ["It was late; Apple or pear would do."],
    ["Well… Apple or pear?"],
    ["Menu | Apple or pear"],
    ["Fruit • Apple or pear"],
    ["Fruit · Apple or pear"],
    ["Home » Apple or pear"],
    ["Home › Apple or pear"],
  ])("%j: the sentence opens after the mark", (text) => {
    expect(marks(text)).toEqual([]);
  });

  it.each([
    // No sentence opens after an initial or an abbreviation that does not end it.
    ["U.S. Meta users filed suit", ["meta:Meta"]],
    ["staff at the D.C. Amazon office", ["amazon:Amazon"]],
    ["a joint bid by Acme Corp. Oracle and SAP", ["oracle:Oracle"]],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });

  it("a weak mention is kept when the page named the company strongly before", () => {
    const session = createMatchSession(matcher);
    const first = session.scan(oneBlock("Apple."));
    expect(first).toEqual([]);
    session.scan([{ text: "Phones made by Apple sell well.", block: 0 }]);
    expect(session.scan(oneBlock("Apple."))).toMatchObject([{ entity: "apple", how: "brand" }]);
  });

  it("a weak mention is kept when another dataset name stands in the same sentence", () => {
    expect(marks("Meta. Mark Zuckerberg said")).toEqual([
      "meta:Meta",
      "mark-zuckerberg:Mark Zuckerberg",
    ]);
  });

  it("a weak mention in another block finds no corroboration there", () => {
    const segments: TextSegment[] = [
      { text: "Meta.", block: 0 },
      { text: "Mark Zuckerberg said", block: 1 },
    ];
    expect(marks(segments)).toEqual(["mark-zuckerberg:Mark Zuckerberg"]);
  });
});

describe("longest match, leftmost-longest, sorted, how", () => {
  it("prefers the longest alias at one start", () => {
    const matches = findMatches(
      matcher,
      oneBlock("Amazon Web Services, Google DeepMind and U.S. Immigration and Customs Enforcement"),
    );
    expect(matches.map((match) => [match.entity, match.text, match.how])).toEqual([
      ["amazon-web-services", "Amazon Web Services", "full"],
      ["google-deepmind", "Google DeepMind", "full"],
      ["ice", "U.S. Immigration and Customs Enforcement", "full"],
    ]);
  });

  it("falls back to a shorter alias when the longer one is not there", () => {
    expect(marks("Google Deep learning")).toEqual(["google:Google"]);
    expect(marks("Immigration and Customs Enforcement agents")).toEqual([
      "ice:Immigration and Customs Enforcement",
    ]);
  });

  it("reports how each match was made", () => {
    const matches = findMatches(
      matcher,
      oneBlock("Elon Musk spoke; Musk left. DeepMind and Apple too. IceOut.Tech"),
    );
    expect(matches.map((match) => `${match.text}=${match.how}`)).toEqual([
      "Elon Musk=full",
      "Musk=surname",
      "DeepMind=alias",
      "Apple=brand",
      "IceOut.Tech=alias",
    ]);
  });

  it("matches 'any'-case aliases in any case", () => {
    expect(marks("sign at iceout.tech")).toEqual(["iceout-tech:iceout.tech"]);
    expect(marks("sign at ICEOUT.TECH")).toEqual(["iceout-tech:ICEOUT.TECH"]);
  });

  it("returns matches sorted by start, without overlaps", () => {
    const matches = findMatches(
      matcher,
      oneBlock("Tim Cook, Jeff Dean, Elon Musk, Dario Amodei, Google, Amazon Web Services"),
    );
    for (let index = 1; index < matches.length; index++) {
      expect(matches[index]!.start).toBeGreaterThanOrEqual(matches[index - 1]!.end);
    }
    expect(matches).toHaveLength(6);
  });
});

describe("mark mode", () => {
  it('"first" marks only the first mention on the page, across scans', () => {
    const session = createMatchSession(matcher, {
      markMode: (entity) => (entity === "tim-cook" ? "first" : "every"),
    });
    expect(session.scan(oneBlock("Tim Cook and Google. Tim Cook")).map((m) => m.text)).toEqual([
      "Tim Cook",
      "Google",
    ]);
    expect(session.scan(oneBlock("Cook and Google")).map((m) => m.text)).toEqual(["Google"]);
  });

  it("uses the dataset's mark mode when no override is given", () => {
    expect(marks("IceOut.Tech and ICEout.tech")).toEqual(["iceout-tech:IceOut.Tech"]);
  });

  it("a mention left unmarked by 'first' still takes its text (no shorter name inside it)", () => {
    const session = createMatchSession(matcher, {
      markMode: (entity) => (entity === "amazon-web-services" ? "first" : "every"),
    });
    session.scan(oneBlock("Amazon Web Services"));
    expect(session.scan(oneBlock("Amazon Web Services"))).toEqual([]);
  });
});

describe("sessions carry page state across scans", () => {
  it("a full name in an earlier scan enables the surname later", () => {
    const session = createMatchSession(matcher);
    session.scan(oneBlock("Jeff Dean wrote on X."));
    expect(session.scan(oneBlock("Dean added more."))).toMatchObject([
      { entity: "jeff-dean", how: "surname", start: 0, end: 4, text: "Dean" },
    ]);
  });

  it("a namesake in an earlier scan contests the surname later", () => {
    const session = createMatchSession(matcher);
    session.scan(oneBlock("Jeff Dean wrote on X. James Dean was an actor."));
    expect(session.scan(oneBlock("Dean added more."))).toEqual([]);
  });

  it("offsets are relative to each call's own segments", () => {
    const session = createMatchSession(matcher);
    session.scan(oneBlock("A long first paragraph about nothing."));
    expect(session.scan([{ text: "x Google", block: 9 }])).toMatchObject([{ start: 2, end: 8 }]);
  });

  it("findMatches is a fresh session each time", () => {
    expect(marks("Jeff Dean")).toEqual(["jeff-dean:Jeff Dean"]);
    expect(marks("Dean said")).toEqual([]);
  });

  it("handles empty input", () => {
    expect(findMatches(matcher, [])).toEqual([]);
    expect(findMatches(matcher, [{ text: "", block: 0 }])).toEqual([]);
  });
});

describe("acronyms, identifiers, other languages", () => {
  it.each<[string | TextSegment[], string[]]>([
    ["Hang Seng Index (HSI) fell", []],
    ["agents of HSI raided", ["homeland-security-investigations:HSI"]],
    [
      "Homeland Security Investigations (HSI) agents",
      [
        "homeland-security-investigations:Homeland Security Investigations",
        "homeland-security-investigations:HSI",
      ],
    ],
    [
      "Immigration and Customs Enforcement (ICE) agents",
      ["ice:Immigration and Customs Enforcement", "ice:ICE"],
    ],
    // Spelled out as something else, then on its own: not ours anywhere on the page.
    [
      [
        {
          text: "The Minnesota Department of Human Services (DHS) found three mistakes.",
          block: 0,
        },
        { text: "DHS said it would repay the money.", block: 1 },
        { text: "Agents of HSI and DHS", block: 2 },
      ],
      ["homeland-security-investigations:HSI"],
    ],
    [
      [
        { text: "Wisconsin's Department of Health Services (DHS) and HSI", block: 0 },
        { text: "DHS said.", block: 1 },
      ],
      ["homeland-security-investigations:HSI"],
    ],
    [
      [
        { text: "Intercontinental Exchange (ICE) shares rose.", block: 0 },
        { text: "ICE said its revenue beat forecasts.", block: 1 },
      ],
      [],
    ],
    // Named earlier as ours, the letters keep their earlier marks.
    [
      [
        { text: "DHS agents arrived.", block: 0 },
        { text: "The Department of Human Services (DHS) said.", block: 1 },
        { text: "DHS said.", block: 2 },
      ],
      ["dhs:DHS"],
    ],
    // Spelled out as ours, or not spelled out at all ("the agency (DHS)"): the page's later DHS
    // is ours.
    [
      [
        { text: "The Department of Homeland Security (DHS) said.", block: 0 },
        { text: "DHS agents arrived.", block: 1 },
      ],
      ["dhs:Department of Homeland Security", "dhs:DHS", "dhs:DHS"],
    ],
    [
      [
        { text: "the agency (DHS) said.", block: 0 },
        { text: "Homeland Security (DHS) agents.", block: 1 },
        { text: "DHS agents arrived.", block: 2 },
      ],
      ["dhs:DHS"],
    ],
    ["user Ring_Apple and Apple_Music", []],
    ["sagt der Chef der Jusos", []],
    ["das Signal ist schwach", []],
    ["a staff writer at WIRED covering tech", ["wired:WIRED"]],
    ["Wired for sound", []],
    ["GET WIRED FOR SOUND", []],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
});

describe("scripts without spaces", () => {
  it.each([
    ["もちろん、Apple社は認めていません。", ["apple:Apple"]],
    ["【Amazonタイムセール中！】", ["amazon:Amazon"]],
    ["Apple IDとパスワード", ["apple:Apple"]],
  ])("%j", (text, expected) => {
    expect(marks(text)).toEqual(expected);
  });
});

describe("names the rules of lib/matching/rules.ts do not list", () => {
  // Another dataset: a brand without a rule of its own, and a surname declared alone whose rule
  // declares no namesakes.
  const unlisted = compileMatcher({
    version: 1,
    entities: [
      {
        id: "ring",
        name: "Ring",
        markMode: "every",
        aliases: [{ text: "Ring", how: "brand", case: "as-written" }],
      },
      {
        id: "tim-cook",
        name: "Tim Cook",
        markMode: "every",
        aliases: [{ text: "Cook", how: "surname", case: "as-written", alone: true }],
      },
    ],
  });
  const unlistedMarks = (text: string) =>
    findMatches(unlisted, oneBlock(text)).map((match) => `${match.entity}:${match.text}`);

  it.each([
    // A brand is an ordinary word where sentence case capitalizes it.
    ["Ring the bell twice.", []],
    ["footage from Ring cameras", ["ring:Ring"]],
    // Without declared namesakes, every capital before an `alone` surname is a given name, also
    // in a title-case headline.
    ["Jennifer Cook Joins the Board", []],
    ["Why Cook Stayed So Long", ["tim-cook:Cook"]],
  ])("%j", (text, expected) => {
    expect(unlistedMarks(text)).toEqual(expected);
  });
});
