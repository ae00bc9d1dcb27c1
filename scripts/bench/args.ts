export interface BenchOptions {
  json: boolean;
  /** Only the first N corpus pages (inventory order). */
  pages?: number;
  /** Only N corpus pages, spread evenly over page size (a quicker run that still spans sizes). */
  sample?: number;
  rounds: number;
  /** Only pages whose name contains one of these, comma-separated ("readability/", "huge,live"). */
  only?: string;
  build: boolean;
  /** Small synthetic pages: for the bench's own test, not for figures. */
  quick: boolean;
  /** Write the SVG chart here. */
  chart?: string;
}

/** Whether `--only` keeps a page: its name contains one of the comma-separated parts. */
export function isSelected(name: string, only: string | undefined): boolean {
  if (only === undefined) return true;
  return only.split(",").some((part) => part !== "" && name.includes(part));
}

export const USAGE =
  "usage: npm run bench -- [--json] [--pages N | --sample N] [--rounds N] [--only NAME[,NAME...]] [--no-build] [--quick] [--chart FILE]";

/** Rounds per page: the median of three is stable to a few percent on this machine. */
export const DEFAULT_ROUNDS = 3;

export function parseArguments(argv: readonly string[]): BenchOptions | string {
  const options: BenchOptions = { json: false, rounds: DEFAULT_ROUNDS, build: true, quick: false };
  for (let position = 0; position < argv.length; position += 1) {
    const argument = argv[position] ?? "";
    const value = argv[position + 1];
    const positive = (): number | string => {
      position += 1;
      const number = Number(value);
      return Number.isInteger(number) && number > 0
        ? number
        : `${argument} needs a positive integer`;
    };
    if (argument === "--json") options.json = true;
    else if (argument === "--no-build") options.build = false;
    else if (argument === "--quick") options.quick = true;
    else if (argument === "--pages" || argument === "--rounds" || argument === "--sample") {
      const number = positive();
      if (typeof number === "string") return number;
      if (argument === "--pages") options.pages = number;
      else if (argument === "--sample") options.sample = number;
      else options.rounds = number;
    } else if (argument === "--only" || argument === "--chart") {
      if (!value) return `${argument} needs a value`;
      position += 1;
      if (argument === "--only") options.only = value;
      else options.chart = value;
    } else if (argument === "--help" || argument === "-h") return USAGE;
    else return `unknown option ${argument}`;
  }
  return options;
}
