/**
 * Every exclusion phrase of the ambiguity rules (lib/matching/rules.ts), each in a sentence a page
 * would hold, where the name would be marked without the phrase: mid-sentence after a lower-case
 * word, or with a corroborating word nearby ("Bezos" by the Amazon rainforest). Dropping a phrase
 * from a rule makes its sentence fail; a phrase added to a rule without a sentence here fails the
 * last test.
 */
import { describe, expect, it } from "vitest";
import { compileMatcher, findMatches, type TextSegment } from "../../../lib/matching/index";
import { AMBIGUITY_RULE_SOURCES, OFFICE_ABBREVIATIONS } from "../../../lib/matching/rules";
import { fixtureIndex } from "./fixture-index";

const matcher = compileMatcher(fixtureIndex);

/** For a surname: the full name, in a block of its own, earlier on the page. */
const INTRO: Record<string, string> = {
  good: "Renee Good was shot by an immigration agent on January 7.",
  cook: "Apple CEO Tim Cook spoke on Monday.",
  dean: "Google's Jeff Dean spoke on Monday.",
  yuan: "Zoom founder Eric Yuan spoke on Monday.",
  musk: "Tesla CEO Elon Musk spoke on Monday.",
};

const ENTITY: Record<string, string> = {
  apple: "apple",
  amazon: "amazon",
  oracle: "oracle",
  meta: "meta",
  signal: "signal",
  zoom: "zoom",
  chef: "chef",
  ice: "ice",
  good: "renee-good",
  wired: "wired",
  cook: "tim-cook",
  dean: "jeff-dean",
  tesla: "tesla",
  trump: "donald-trump",
  "donald trump": "donald-trump",
  google: "google",
  dhs: "dhs",
  yuan: "eric-yuan",
  anthropic: "anthropic",
  palantir: "palantir",
  musk: "elon-musk",
};

/** The entities marked in `sentence`, read after the term's intro block, if it has one. */
function entitiesMarkedIn(term: string, sentence: string): string[] {
  const intro = INTRO[term];
  const segments: TextSegment[] = intro
    ? [
        { text: intro, block: 0 },
        { text: sentence, block: 1 },
      ]
    : [{ text: sentence, block: 0 }];
  const from = intro?.length ?? 0;
  return findMatches(matcher, segments)
    .filter((match) => match.start >= from)
    .map((match) => match.entity);
}

const STATES = [
  ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut"],
  ["Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa"],
  ["Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan"],
  ["Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire"],
  ["New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma"],
  ["Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee"],
  ["Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin"],
  ["Wyoming", "Puerto Rico"],
].flat();

/** [term, sentence]: the term in the sentence is the other sense, and must stay unmarked. */
const SENTENCES: [string, string][] = [
  // Apple: the fruit, its dishes and trees, the Beatles' label, a Hong Kong paper
  ["apple", "Tourists call New York the Big Apple; few buy an iPhone there."],
  ["apple", "Snow White bit into a golden Apple and fell asleep."],
  ["apple", "The recipe calls for one green Apple and two pears."],
  ["apple", "Each child got a red Apple and a juice box."],
  ["apple", "Students from Apple Valley High School marched with iPhone cameras rolling."],
  ["apple", "Washington fans filmed the Apple Cup with iPhone cameras."],
  ["apple", "At the fair she bought a candy Apple and popcorn."],
  ["apple", "He sold toffee Apple sticks at the market."],
  ["apple", "Try a caramel Apple with sea salt this fall."],
  ["apple", "The garden has a crab Apple by the gate."],
  ["apple", "His adam's Apple moved as he swallowed."],
  ["apple", "Blend pineapple Apple and mango for the smoothie."],
  ["apple", "Use a tart granny smith Apple for this recipe."],
  ["apple", "A single honeycrisp Apple costs two dollars now."],
  ["apple", "Dessert was a baked Apple with cinnamon."],
  ["apple", "One rotten Apple can spoil the barrel."],
  ["apple", "He called the officer one bad Apple in the department."],
  ["apple", "The queen offered her a poisoned Apple in the story."],
  ["apple", "We baked an Apple pie for the fair."],
  ["apple", "The bakery sold forty Apple pies before noon."],
  ["apple", "Her daughter only drinks Apple juice at breakfast."],
  ["apple", "The pub serves local Apple cider on tap."],
  ["apple", "They planted an Apple tree in the yard."],
  ["apple", "The farm lost most of its Apple trees in the frost."],
  ["apple", "Serve the pork with Apple sauce and greens."],
  ["apple", "Pickers work in the Apple orchard from dawn."],
  ["apple", "Pickers work in Apple orchards across the state."],
  ["apple", "For dessert we made an Apple crisp with oats."],
  ["apple", "Grandma's Apple crumble won the county fair."],
  ["apple", "The café's Apple tart sold out by noon."],
  ["apple", "She baked six Apple tarts for the party."],
  ["apple", "He grabbed an Apple turnover and coffee."],
  ["apple", "The diner sells Apple turnovers all day."],
  ["apple", "Spread some Apple butter on the toast."],
  ["apple", "Plant one Apple seed per pot."],
  ["apple", "Swallowing a few Apple seeds is harmless, doctors say."],
  ["apple", "Add a thin Apple slice to each glass."],
  ["apple", "Kids get Apple slices instead of fries."],
  ["apple", "Lunch was a brie and Apple panini."],
  ["apple", "Then he sings about an Apple pen and a pineapple pen."],
  ["apple", "The Apple blossom festival opens in May."],
  ["apple", "In spring, bees visit Apple blossoms first."],
  ["apple", "He ate a bowl of Apple jacks for breakfast."],
  ["apple", "The café serves warm Apple strudel with cream."],
  ["apple", "She brought an Apple cake to the meeting."],
  ["apple", "Mix the dressing with Apple vinegar and oil."],
  ["apple", "This year's Apple harvest was the smallest in decades."],
  ["apple", "We went Apple picking on Saturday."],
  ["apple", "The album came out on Apple records in 1968."],
  ["apple", "Jimmy Lai founded the Apple daily in 1995."],
  // Amazon: the river and its forest, its peoples, the warriors of myth
  ["amazon", "Bezos pledged money to protect the Brazilian Amazon and its people."],
  ["amazon", "Bezos's fund backs projects in the Peruvian Amazon and Bolivia."],
  ["amazon", "The Bezos Earth Fund gave grants in the Colombian Amazon this year."],
  ["amazon", "Bezos Earth Fund grants reached the Ecuadorian Amazon and its people."],
  ["amazon", "Bezos funded research in the Upper Amazon as well."],
  ["amazon", "Bezos funded research in the Lower Amazon as well."],
  ["amazon", "Bezos pledged money to save the Amazon rainforest."],
  ["amazon", "Bezos Earth Fund money will go to Amazon rainforests first."],
  ["amazon", "Critics asked Bezos about the Amazon rain forest on Monday."],
  ["amazon", "Bezos took a boat trip down the Amazon River last year."],
  ["amazon", "The Bezos Earth Fund mapped the Amazon Basin with satellites."],
  ["amazon", "A Kindle is no use in the Amazon jungle, the guide joked."],
  ["amazon", "Bezos Earth Fund grants for the Amazon region were announced."],
  ["amazon", "Bezos said the Amazon forest must be protected."],
  ["amazon", "Bezos said Amazon forests store vast amounts of carbon."],
  ["amazon", "Bezos funded a survey of the Amazon delta."],
  ["amazon", "Bezos was asked about the Amazon burning this summer."],
  ["amazon", "Bezos was asked why the Amazon burns every summer."],
  ["amazon", "Bezos was asked about the Amazon fires this summer."],
  ["amazon", "Bezos Earth Fund money targets Amazon deforestation."],
  ["amazon", "Bezos posted a photo of an Amazon parrot from the trip."],
  ["amazon", "The Bezos-funded zoo keeps Amazon parrots in an aviary."],
  ["amazon", "Prime Video's new film follows an Amazon warrior queen."],
  ["amazon", "Prime Video's new series follows Amazon warriors of myth."],
  ["amazon", "Greek myths about Amazon women inspired the Prime Video show."],
  ["amazon", "Prime Video's Wonder Woman is an Amazon princess."],
  ["amazon", "Prime Video cast her as the Amazon queen Hippolyta."],
  ["amazon", "Bezos met an Amazon tribe leader at the summit."],
  ["amazon", "Bezos met leaders of Amazon tribes at the summit."],
  ["amazon", "Bezos grows the Amazon lily in his greenhouse."],
  ["amazon", "Bezos Earth Fund studies the Amazon biome and its soils."],
  ["amazon", "Bezos funded a survey of the Amazon estuary."],
  // Oracle: the oracle of Delphi, oracle bones
  ["oracle", "Larry Ellison is no Delphic Oracle, analysts said."],
  ["oracle", "Larry Ellison is no Pythian Oracle, analysts said."],
  ["oracle", "Larry Ellison is no Oracle of Delphi, analysts said."],
  ["oracle", "Scholars read Oracle bones from the Shang dynasty."],
  // Meta: the game characters, web-page metadata, the prefix
  ["meta", "Speedrunners still fear Mad Meta, a Zuckerberg fan joked."],
  ["meta", "Meta Ridley returns in the new Metroid, not on Facebook."],
  ["meta", "Meta Knight is a Kirby character, not a Facebook product."],
  ["meta", "Facebook reads the page's Meta tag for previews."],
  ["meta", "Facebook reads Meta tags to build link previews."],
  ["meta", "Instagram strips Meta data from uploaded photos."],
  ["meta", "Facebook shows the page's Meta description under the link."],
  ["meta", "Facebook reads the page's Meta element in the head."],
  ["meta", "A Meta analysis of Instagram studies found small effects."],
  ["meta", "Facebook ignores Meta keywords entirely."],
  ["meta", "Moderators pinned two Meta posts about the rules."],
  // Signal: German and Dutch nouns, radio and railway signals
  ["signal", "Beim Anruf über WhatsApp war das Signal schwach."],
  ["signal", "Die Wahl ist ein Signal an die Regierung."],
  ["signal", "Es gab kein Signal im Tunnel."],
  ["signal", "Die Regierung sendet dieses Signal an Moskau."],
  ["signal", "Volgens de politie was het Signal duidelijk."],
  ["signal", "Dat is een Signal voor de markt."],
  ["signal", "Drivers on WhatsApp forget to use the turn Signal."],
  ["signal", "Her novel on encrypted messaging is called Smoke Signal."],
  ["signal", "The phone showed full Signal strength all day."],
  ["signal", "She teaches digital Signal processing at MIT."],
  ["signal", "The chip has a dedicated Signal processor."],
  ["signal", "The hikers fired one Signal flare at dusk."],
  ["signal", "Rescuers spotted their Signal flares at dusk."],
  ["signal", "They lit their Signal fire on the beach."],
  ["signal", "The sailor flashed his Signal lamp twice."],
  ["signal", "Trains stopped at the old Signal box near the station."],
  ["signal", "Followers gave her post some Signal boost."],
  ["signal", "Activists rely on Signal boosting from allies."],
  ["signal", "Engineers measure Signal to noise ratios."],
  ["signal", "Hikers on Signal Hill said WhatsApp calls kept dropping."],
  ["signal", "Hikers on Signal Mountain said WhatsApp calls kept dropping."],
  ["signal", "His grandfather on WhatsApp served in the Army Signal Corps."],
  // Zoom: the verb, camera lenses
  ["zoom", "You can Zoom in on the chart."],
  ["zoom", "Pinch to Zoom out of the map."],
  ["zoom", "Use two fingers to Zoom into the photo."],
  ["zoom", "She bought a new Zoom lens for the camera."],
  ["zoom", "The shop sells used Zoom lenses."],
  ["zoom", "Set the Zoom level to 200 percent."],
  ["zoom", "Drag the Zoom slider to the right."],
  ["zoom", "The camera has a high Zoom ratio."],
  ["zoom", "The new phone offers a higher Zoom factor."],
  ["zoom", "Click to Zoom to the selection."],
  ["zoom", "Scroll to Zoom through the timeline."],
  ["zoom", "Cars often Zoom past the school at 50 mph."],
  ["zoom", "Bikes often Zoom by the café."],
  // Chef: cooks, and the German boss
  ["chef", "He was a top Chef in Paris."],
  ["chef", "She became head Chef at the restaurant."],
  ["chef", "He is executive Chef at the hotel."],
  ["chef", "She worked as sous Chef for ten years."],
  ["chef", "The hotel hired a new pastry Chef."],
  ["chef", "He trained under a master Chef in Lyon."],
  ["chef", "The show features a celebrity Chef each week."],
  ["chef", "Iron Chef fans on GitHub built a recipe bot."],
  ["chef", "The family hired a private Chef for the summer."],
  ["chef", "She works as a personal Chef in Manhattan."],
  ["chef", "Das sagte der Chef am Montag."],
  ["chef", "Sie sprach mit dem Chef am Telefon."],
  ["chef", "Sie rief den Chef am Abend an."],
  ["chef", "Die Aufgaben des Chef sind klar."],
  ["chef", "Er ist ein Chef mit Herz."],
  ["chef", "Wir suchen einen Chef für die Küche."],
  ["chef", "Die Rolle eines Chef ist schwer."],
  ["chef", "Sie arbeitet mit einem Chef aus Wien."],
  ["chef", "Er wurde zum Chef befördert."],
  ["chef", "Eine Nachricht vom Chef kam am Montag."],
  ["chef", "Er ist neuer Chef bei Siemens."],
  ["chef", "Der neue Chef kommt aus Wien."],
  ["chef", "Order our Chef's special tonight."],
  ["chef", "Buy a good Chef's knife first."],
  ["chef", "The GitHub demo got a Chef's kiss from the room."],
  ["chef", "A Chef's Table crew filmed at GitHub."],
  ["chef", "Try a Chef's choice menu at the GitHub party."],
  ["chef", "The GitHub office stocked Chef Boyardee cans."],
  ["chef", "Er ist Chef der Firma."],
  ["chef", "Er ist Chef des Konzerns."],
  ["chef", "Er ist Chef von Siemens."],
  ["chef", "Er ist Chef vom Dienst."],
  ["chef", "Er ist Chef und Gründer."],
  // ICE: frozen water, combustion engines, German trains, the exchange
  ["ice", "The rapper Vanilla ICE played the fair."],
  ["ice", "Drivers should watch for black ICE tonight."],
  ["ice", "Shipping the samples needs dry ICE and a cooler."],
  ["ice", "Skaters fell through thin ICE on the lake."],
  ["ice", "Arctic sea ICE hit a record low."],
  ["ice", "Intercontinental Exchange Inc. (NYSE: ICE) owns the New York Stock Exchange."],
  ["ice", "Hawaiian shaved ICE is sold at the stand."],
  ["ice", "Intercontinental Exchange (ICE, the owner of the NYSE) reported profit."],
  ["ice", "Shares of Intercontinental Exchange ICE rose 2%."],
  ["ice", "The shop sells homemade ICE cream."],
  ["ice", "The café has twelve ICE creams on the menu."],
  ["ice", "Mammoths died out after the last ICE age."],
  ["ice", "He played ICE hockey in college."],
  ["ice", "They went ICE skating on Sunday."],
  ["ice", "Drop one ICE cube in the glass."],
  ["ice", "Add three ICE cubes to the shaker."],
  ["ice", "The water was ICE cold."],
  ["ice", "A major ICE storm knocked out power."],
  ["ice", "Repeated ICE storms hit the region."],
  ["ice", "He did the ICE bucket challenge."],
  ["ice", "The Greenland ICE cap is melting."],
  ["ice", "Polar ICE caps are shrinking."],
  ["ice", "The Antarctic ICE sheet is losing mass."],
  ["ice", "Scientists studied two ICE sheets."],
  ["ice", "A huge ICE shelf broke off."],
  ["ice", "Every new ICE vehicle will be taxed more."],
  ["ice", "Sales of ICE vehicles fell in Norway."],
  ["ice", "He traded his ICE car for an EV."],
  ["ice", "Sales of ICE cars fell in Norway."],
  ["ice", "The ICE engine is less efficient than a motor."],
  ["ice", "Automakers will stop making ICE engines."],
  ["ice", "The truck keeps an ICE powertrain."],
  ["ice", "Europe will ban new ICE powertrains in 2035."],
  ["ice", "The ICE model costs less than the EV."],
  ["ice", "Its ICE models still outsell EVs."],
  ["ice", "The ICE version of the car is cheaper."],
  ["ice", "Both ICE versions get a new grille."],
  ["ice", "She took the ICE train to Munich."],
  ["ice", "Germany ordered new ICE trains from Siemens."],
  ["ice", "Traders watched ICE futures for cocoa."],
  ["ice", "Watch for ICE on the road tonight."],
  ["ice", "Expect ICE on the roads by morning."],
  ["ice", "The town opened an ICE rink downtown."],
  ["ice", "Put an ICE pack on the bruise."],
  ["ice", "Bring ICE packs for the cooler."],
  ["ice", "Tiny ICE crystals formed on the window."],
  ["ice", "The band played ICE ICE BABY at halftime."],
  // Good, after Renee Good's full name: the adjective
  ["good", "Is Minneapolis Going to Change for Good?"],
  ["good", "Is Minneapolis Changed for Good?"],
  ["good", "How Remote Work Changes for Good"],
  ["good", "How to Change Your Life for Good"],
  ["good", "The Diner Is Gone for Good"],
  ["good", "Why Families Leave for Good"],
  ["good", "A Star Leaves for Good"],
  ["good", "The Coach Left for Good"],
  ["good", "Agents Are Leaving for Good"],
  ["good", "The Bridge Is Closed for Good"],
  ["good", "Plastic Bags Are Banned for Good"],
  ["good", "The Strike Is Over for Good"],
  ["good", "Why I Quit for Good"],
  ["good", "She Quits for Good"],
  ["good", "The Protesters Will Stay for Good"],
  ["good", "The Mural Stays for Good"],
  ["good", "The Neighbors Are Here for Good"],
  ["good", "It was a very Good year for the team."],
  ["good", "The food was so Good that we returned."],
  ["good", "The deal looked too Good, critics said."],
  ["good", "Police in Minneapolis did a Good thing."],
  ["good", "Minneapolis police said the Good part was over."],
  ["good", "Fans feel Good about the team."],
  ["good", "The plan looks Good, aides said."],
  ["good", "The new stadium is as Good as the old one."],
  ["good", "She said Good morning to the guard."],
  ["good", "He wished us Good afternoon."],
  ["good", "The host said Good evening."],
  ["good", "They said Good night and left."],
  ["good", "He wished her Good day."],
  ["good", "She wished him Good luck."],
  ["good", "There was Good news for farmers."],
  ["good", "The coach said Good job to the players."],
  ["good", "Thanks for your Good work."],
  ["good", "The shops close on Good Friday."],
  ["good", "He stopped like the Good Samaritan."],
  ["good", "The hymn calls him the Good Shepherd."],
  ["good", "He starred in Good Will Hunting."],
  ["good", "She edits Good Housekeeping."],
  ["good", "Minneapolis is in a Good place now, the mayor said."],
  ["good", "Minneapolis offers the Good life, the ad said."],
  ["good", "She waved Good bye from the door."],
  ["good", "The mayor made Good on his promise."],
  ["good", "The deal is Good for workers."],
  ["good", "It is Good to see you."],
  ["good", "The offer was Good enough for them."],
  ["good", "They miss Good old radio."],
  // Wired: the adjective and the participle
  ["wired", "The house was Wired up for sound."],
  ["wired", "The stadium is Wired for 5G."],
  ["wired", "Voters stay Wired into partisan news."],
  ["wired", "The bomb was Wired to a timer."],
  ["wired", "The lamp is Wired in series."],
  ["wired", "The room was Wired with microphones."],
  ["wired", "The cables were Wired together."],
  ["wired", "Testers reported that a Wired connection was faster."],
  ["wired", "He prefers Wired headphones."],
  ["wired", "Studies show teens are Wired differently."],
  ["wired", "Some brains seem to be Wired differently."],
  ["wired", "Some brains have been Wired differently."],
  ["wired", "Homes in the valley get Wired next year."],
  ["wired", "The new stadium gets Wired next year."],
  ["wired", "Her brain got Wired differently."],
  // Cook, after Tim Cook's full name: the verb, the islands, the magazine
  ["cook", "The town of Cook, Minnesota, sits near Lake Vermilion."],
  ["cook", "The voyages of the navigator and captain Cook are taught in schools."],
  ["cook", "A statue of Capt. Cook stands in the park."],
  ["cook", "Flights to the Cook Islands resumed."],
  ["cook", "Flights to the Cook islands resumed."],
  ["cook", "Jurors in Cook County were seated."],
  ["cook", "Ferries cross Cook Strait daily."],
  ["cook", "Oil rigs stand in Cook Inlet."],
  ["cook", "Then Cook the pasta for ten minutes."],
  ["cook", "Season the fish and Cook it slowly."],
  ["cook", "Wash the beans and Cook them overnight."],
  ["cook", "Stir and Cook until golden."],
  ["cook", "Stir and Cook over low heat."],
  ["cook", "Cover and Cook gently."],
  ["cook", "Stir, then Cook uncovered for five minutes."],
  ["cook", "Stir, then Cook covered for an hour."],
  ["cook", "Stir and Cook for about an hour."],
  ["cook", "Prep and Cook time: 40 minutes."],
  ["cook", "The recipe is from Cook's Illustrated."],
  // Dean, after Jeff Dean's full name: the dean of a school
  ["dean", "She met the Dean of Students."],
  ["dean", "She made the Dean's list twice."],
  ["dean", "Call the Dean's office for details."],
  ["dean", "He won the Dean's award for teaching."],
  // Tesla: the inventor, his coil and tower, the unit
  ["tesla", "The inventor Nikola Tesla died in 1943."],
  ["tesla", "He built a Tesla coil in the garage."],
  ["tesla", "The museum shows two Tesla coils."],
  ["tesla", "The antenna sits on a Tesla pole."],
  ["tesla", "Engineers installed Tesla poles along the road."],
  ["tesla", "Wardenclyffe was a Tesla tower on Long Island."],
  ["tesla", "Field strength is one Tesla unit here."],
  ["tesla", "Field strength is measured in Tesla units."],
  ["tesla", "The museum displays a Tesla turbine."],
  ["tesla", "A Tesla valve has no moving parts."],
  ["tesla", "The hospital bought a 3 Tesla MRI last year."],
  ["tesla", "The hospital installed a 7 Tesla scanner last year."],
  // Trump: the women of his family, his son and father, the card
  ["trump", "Ms Trump said she would not run."],
  ["trump", "Ms. Trump said she would not run."],
  ["trump", "Mrs Trump wore a white dress."],
  ["trump", "Mrs. Trump wore a white dress."],
  ["trump", "Miss Trump thanked the crowd."],
  ["trump", "A dinner hosted by Madam Trump."],
  ["trump", "First Lady Trump visited the hospital."],
  ["trump", "Trump Jr. tweeted again."],
  ["trump", "Trump, Jr. tweeted again."],
  ["trump", "The late Trump Sr. built homes in Queens."],
  ["trump", "The late Trump, Sr. built homes in Queens."],
  ["trump", "He played his Trump card."],
  ["trump", "The deck holds 21 Trump cards."],
  ["donald trump", "Donald Trump Jr. tweeted again."],
  ["donald trump", "Donald Trump, Jr. tweeted again."],
  // DHS: a state's department of human services
  ...STATES.map((state): [string, string] => [
    "dhs",
    `The ${state} DHS said food aid would be paid late.`,
  ]),
  ...STATES.map((state): [string, string] => [
    "dhs",
    `${state}'s DHS said food aid would be paid late.`,
  ]),
  ["dhs", "The state DHS said food aid would be paid late."],
  ["dhs", "The state's DHS said food aid would be paid late."],
  ["dhs", "A county DHS office stays open on Fridays."],
  ["dhs", "The county's DHS said food aid would be paid late."],
  // Yuan, after Eric Yuan's full name: the currency, the dynasty
  ["yuan", "Markets watched the Chinese Yuan closely."],
  ["yuan", "The deal was worth 5 billion Yuan last year."],
  ["yuan", "The fine was 20 million Yuan."],
  ["yuan", "Exports reached 3 trillion Yuan."],
  ["yuan", "Collectors bid on a Yuan dynasty vase."],
  ["yuan", "Prices were quoted in Yuan renminbi."],
  ["yuan", "On Monday the Yuan fell against the dollar."],
  ["anthropic", "Anthropic principle: why the universe seems made for us"],
  ["palantir", "Saruman gazed into the Palantir of Orthanc."],
  ["palantir", "Saruman kept a Palantir stone in his tower."],
  ["palantir", "Tolkien wrote of seven Palantir stones."],
  ["musk", "Musk deer are hunted for their scent."],
  ["musk", "A Musk ox survives the Arctic winter."],
  ["musk", "Herds of Musk oxen roam the tundra."],
  ["musk", "The farm sells Musk melon in summer."],
];

describe("the other sense of an ambiguous name, in a sentence", () => {
  it.each(SENTENCES)("%s: %j", (term, sentence) => {
    expect(entitiesMarkedIn(term, sentence)).not.toContain(ENTITY[term]);
  });

  it("a state's code in capitals before DHS is the state's department", () => {
    const codes = [
      ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN"],
      ["IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV"],
      ["NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN"],
      ["TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI"],
    ].flat();
    const marked = codes.filter((code) =>
      entitiesMarkedIn("dhs", `The ${code} DHS said food aid would be paid late.`).includes("dhs"),
    );
    expect(marked).toEqual([]);
  });

  it("has a sentence for every exclusion phrase of every rule", () => {
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const missing: string[] = [];
    for (const [term, source] of Object.entries(AMBIGUITY_RULE_SOURCES)) {
      const sentences = SENTENCES.filter(([rowTerm]) => rowTerm === term).map(([, text]) => text);
      const phrases = [
        ...(source.notBefore ?? []).map((phrase) => `${escape(phrase)}\\s*${escape(term)}`),
        ...(source.notAfter ?? []).map((phrase) => `${escape(term)}\\s*${escape(phrase)}`),
      ];
      for (const pattern of phrases) {
        const found = new RegExp(`(?<![\\p{L}])${pattern}(?![\\p{L}])`, "iu");
        if (!sentences.some((sentence) => found.test(sentence))) missing.push(pattern);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the verb: "to Google" and its object', () => {
  it.each([
    "I asked her to Google a recipe.",
    "He was told to Google an address.",
    "She needed to Google the words.",
    "I had to Google it.",
    "We had to Google them.",
    "She asked me to Google him.",
    "She had to Google her own name.",
    "He tried to Google his symptoms.",
    "Try to Google their names.",
    "I had to Google my own company.",
    "You need to Google your name.",
    "We had to Google our options.",
    "He rushed to Google its meaning.",
    "She wanted to Google something.",
    "There was no need to Google anything.",
    "He felt the urge to Google everything.",
    "I had to Google myself.",
    "Try to Google yourself.",
    "He decided to Google himself.",
    "She had to Google herself.",
    "They were told to Google themselves.",
    "We had to Google ourselves.",
    "I had to Google how to say it.",
    "I had to Google whether it was true.",
    // Don't, or a sentence that opens with it: the imperative.
    "Don't Google your symptoms.",
    "Please don’t Google it.",
    "Google your name to see what comes up.",
    "Wait. Google how to say it first.",
    // A headline's title case or capitals: the object is capitalized too.
    "Google Your Symptoms",
    "How to Google Yourself",
    "DON'T GOOGLE YOUR SYMPTOMS",
    "Why You Should Never Google Your Own Name",
  ])("%j", (sentence) => {
    expect(entitiesMarkedIn("google", sentence)).toEqual([]);
  });
});

describe("the company, with an object-like word after it", () => {
  it.each([
    "The startup was acquired by Google the same year.",
    "Users gave Google their data.",
    "Reporters asked Google whether it was true.",
    "Google, the search giant, declined to comment.",
    "Google the latest to cut jobs",
    "Google The Latest To Cut Jobs",
    "Google Its Own Worst Enemy, Critics Say",
  ])("%j", (sentence) => {
    expect(entitiesMarkedIn("google", sentence)).toEqual(["google"]);
  });
});

describe('the verb: "to Cook" and its object, on a page that named Tim Cook', () => {
  it.each([
    "How to Cook a Turkey",
    "How Long to Cook a 20-Pound Turkey",
    "Don't Cook your pasta too long.",
    "Learn to Cook your own bread",
  ])("%j", (sentence) => {
    expect(entitiesMarkedIn("cook", sentence)).toEqual([]);
  });

  it.each([
    "In a letter to Cook, workers asked him to speak out.",
    "Workers sent the letter to Cook on Monday.",
  ])("%j is the person", (sentence) => {
    expect(entitiesMarkedIn("cook", sentence)).toEqual(["tim-cook"]);
  });
});

describe('her surname after "for": only the verbs of "for good" make the idiom', () => {
  it.each(["Vigil Held for Good", "Hundreds Gathered at a Vigil for Good"])("%j", (sentence) => {
    expect(entitiesMarkedIn("good", sentence)).toEqual(["renee-good"]);
  });
});

describe("a Trump of his family in a title-case headline", () => {
  it.each([
    "Fred Trump Built the Family Fortune",
    "Frederick Trump Ran a Klondike Restaurant",
    "Friedrich Trump Left Kallstadt in 1885",
    "Mary Trump Writes a Second Book",
    "Elizabeth Trump Grau Keeps a Low Profile",
    "John Trump Taught Physics at MIT",
    "Maryanne Trump Barry Retires From the Bench",
    "Freddy Trump Died Young",
    "Robert Trump Sues to Stop His Niece's Book",
    "Ivana Trump Dies at 73",
    "Marla Trump Visits Her Daughter",
    "Melania Trump Wears Gucci",
    "Don Trump Campaigns in Ohio",
    "Ivanka Trump Leaves Washington",
    "Eric Trump Says the Company Is Fine",
    "Tiffany Trump Marries in Palm Beach",
    "Barron Trump Starts College",
    "Vanessa Trump Dates a Golfer",
    "Lara Trump Says She Will Not Run",
    "Kai Trump Commits to Miami",
    "Tristan Trump Turns Thirteen",
    "Spencer Trump Joins the Family Firm",
    "Chloe Trump Celebrates Her Birthday",
    "Luke Trump Joins His Sister at the Game",
    "Carolina Trump Appears at the Rally",
    "Judd Trump Wins the Masters",
  ])("%j", (headline) => {
    expect(entitiesMarkedIn("trump", headline)).toEqual([]);
  });
});

describe("an article before an ordinary word: the other sense, unless corroborated", () => {
  it.each([
    "Pilgrims asked the Oracle about the war.",
    "The rain was a Signal for farmers.",
    "She consulted an Oracle before the battle.",
  ])("%j", (sentence) => {
    expect(findMatches(matcher, [{ text: sentence, block: 0 }])).toEqual([]);
  });
});

describe("the adjective in a title-case headline, on a page that names the magazine", () => {
  it('reads "Are Wired" as the adjective', () => {
    const intro = "Wired magazine reported it.";
    const segments: TextSegment[] = [
      { text: intro, block: 0 },
      { text: "Why Teens Are Wired Differently", block: 1 },
    ];
    const matches = findMatches(matcher, segments);
    expect(matches.map((match) => [match.entity, match.start])).toEqual([["wired", 0]]);
  });

  it('still reads "was Wired" as the magazine', () => {
    const sentence = "The first to report it was Wired.";
    const matches = findMatches(matcher, [{ text: sentence, block: 0 }]);
    expect(matches.map((match) => match.entity)).toEqual(["wired"]);
  });
});

describe("an article before an ordinary word and a small word after: the noun, on a page that names the company", () => {
  it.each([
    ["oracle", "Oracle chairman Larry Ellison spoke.", "An Oracle at the temple foretold the war."],
    ["apple", "Apple CEO Tim Cook spoke.", "Eat an Apple a day, the nurse said."],
    ["apple", "Apple CEO Tim Cook spoke.", "The class gave her an Apple for the teacher."],
    ["signal", "Signal's president spoke.", "The rain came as a Signal in the drought."],
    ["oracle", "Oracle chairman Larry Ellison spoke.", "The priestess was an Oracle of the god."],
    ["oracle", "Oracle chairman Larry Ellison spoke.", "The Oracle at Delphi spoke in riddles."],
    ["apple", "Apple CEO Tim Cook spoke.", "She was the Apple of her father's eye."],
    ["signal", "Signal's president spoke.", "He found the Signal in the noise."],
    ["amazon", "Amazon founder Jeff Bezos spoke.", "The Amazon in flames: a photo essay."],
    ["amazon", "Amazon founder Jeff Bezos spoke.", "Bezos Earth Fund pledges to save the Amazon"],
    ["amazon", "Amazon founder Jeff Bezos spoke.", "Fires are spreading across the Amazon."],
    ["amazon", "Amazon founder Jeff Bezos spoke.", "Deep in the Amazon; a tribe lives alone."],
    ["amazon", "Amazon founder Jeff Bezos spoke.", "The river is the Amazon! It is vast."],
    ["amazon", "Amazon founder Jeff Bezos spoke.", "Scientists say the Amazon is drying."],
    ["oracle", "Oracle chairman Larry Ellison spoke.", "They went to consult the Oracle?"],
    [
      "oracle",
      "Oracle chairman Larry Ellison spoke.",
      "In the myth, the Oracle said Troy would fall.",
    ],
    [
      "amazon",
      "Amazon founder Jeff Bezos spoke.",
      "Scientists fear the Amazon has passed a tipping point.",
    ],
    ["chef", "Progress Software bought Chef in 2020.", "Dinner was made by the Chef: a feast."],
    ["amazon", "Amazon founder Jeff Bezos spoke.", "They rebuilt the Amazon after the fires."],
  ])("%s: %j, then %j", (entity, intro, sentence) => {
    const segments: TextSegment[] = [
      { text: intro, block: 0 },
      { text: sentence, block: 1 },
    ];
    const marked = findMatches(matcher, segments).filter((match) => match.start >= intro.length);
    expect(marked.map((match) => match.entity)).not.toContain(entity);
    // The intro's mention is marked, so the page does name the company firmly.
    expect(findMatches(matcher, segments).map((match) => match.entity)).toContain(entity);
  });

  it.each([
    ["apple", "Apple CEO Tim Cook spoke. She bought an Apple or Google phone."],
    ["apple", "Apple CEO Tim Cook spoke. It needs an Apple and a Google account."],
    ["apple", "Apple CEO Tim Cook spoke. An Apple spokesperson declined to comment."],
    ["signal", "Signal president Meredith Whittaker spoke. He read it in the Signal on his phone."],
    ["amazon", "Amazon founder Jeff Bezos spoke. She shops on the Amazon.com site."],
    [
      "amazon",
      "Amazon founder Jeff Bezos spoke. Bezos left the Amazon, Blue Origin and Post boards.",
    ],
  ])("the company when the word is shared or modifies: %s, %j", (entity, text) => {
    const marked = findMatches(matcher, [{ text, block: 0 }]).filter(
      (match) => match.entity === entity,
    );
    expect(marked).toHaveLength(2);
  });
});

describe("a surname after an office none of the people holds: a namesake", () => {
  const INTRODUCED =
    "Apple CEO Tim Cook, Google's Jeff Dean and Nvidia CEO Jensen Huang spoke. Renee Good was killed.";
  const marksAfterIntro = (...blocks: string[]): string[] =>
    findMatches(matcher, [
      { text: INTRODUCED, block: 0 },
      ...blocks.map((text, index) => ({ text, block: index + 1 })),
    ])
      .filter((match) => match.start >= INTRODUCED.length)
      .map((match) => match.text);

  it.each([
    "Senator Huang spoke.",
    "Judge Cook ruled on Monday.",
    "Officer Good arrived at the scene.",
    "Representative Dean asked the first question.",
    "Governor Cook signed the bill.",
    "Agent Good filed the report.",
    "Captain Cook sailed the Pacific.",
    "Sen. Cook voted no.",
    "Rep. Dean spoke in Congress.",
    "Gov. Good signed the bill.",
  ])("%j", (sentence) => {
    expect(marksAfterIntro(sentence)).toEqual([]);
  });

  it.each([...OFFICE_ABBREVIATIONS])("%s. before a surname", (abbreviation) => {
    const office = abbreviation[0]!.toUpperCase() + abbreviation.slice(1);
    expect(marksAfterIntro(`${office}. Huang arrived.`)).toEqual([]);
  });

  it("leaves the surname unmarked for the rest of the page, which names two people by it", () => {
    expect(
      marksAfterIntro("Judge Cook ruled on Monday.", "Cook said the ruling was fair."),
    ).toEqual([]);
  });

  it("an honorific or the person's own role is no namesake", () => {
    expect(
      marksAfterIntro("Mr. Cook declined to comment.", "Chief Executive Huang spoke after him."),
    ).toEqual(["Cook", "Huang"]);
  });
});

describe("a surname right after an article: a title or a trade, unless it modifies a noun", () => {
  const INTRODUCED =
    "Apple CEO Tim Cook, Google's Jeff Dean, Elon Musk and Eric Yuan spoke. Alex Pretti and Renee Good were killed.";
  const marksAfterIntro = (sentence: string): string[] =>
    findMatches(matcher, [
      { text: INTRODUCED, block: 0 },
      { text: sentence, block: 1 },
    ])
      .filter((match) => match.start >= INTRODUCED.length)
      .map((match) => match.entity);

  it.each([
    "The Cook prepared a feast for the crew.",
    "We thanked the Cook and the Dean.",
    "The Dean said classes resume Monday.",
    "Ask the Dean: Admissions Tips",
    "A Cook, a Thief, His Wife and Her Lover",
    "The Musk of the forest lingered.",
    "The Dean is away this week.",
    "Ivanka said she is a Trump.",
    "Traders sold the Yuan after the data.",
  ])("%j", (sentence) => {
    expect(marksAfterIntro(sentence)).toEqual([]);
  });

  it.each([
    ["The Pretti family asked for privacy.", "alex-pretti"],
    // Her surname is an ordinary word, which after "the" is weak, but not before "family".
    ["The Good family asked for privacy.", "renee-good"],
    ["A lawyer for the Good family spoke.", "renee-good"],
    ["A Musk company won the contract.", "elon-musk"],
    ["The Cook era at Apple began in 2011.", "tim-cook"],
    ["The Musk-owned platform changed its rules.", "elon-musk"],
    ["The Trump administration responded.", "donald-trump"],
  ])("%j is the person", (sentence, entity) => {
    expect(marksAfterIntro(sentence)).toContain(entity);
  });
});
