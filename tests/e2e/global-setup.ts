import { execFileSync } from "node:child_process";
import { MEASURING_BUILD_ENV_VAR } from "../../wxt.config";
import { PRODUCTION_BUILD_ENV } from "./production-env";

/**
 * Builds the extension once before the e2e files run, for both browsers: most files load
 * `.output/chrome-mv3`; the Firefox files lint and load `.output/firefox-mv2`; the bench's files
 * load the measuring build, `.output/chrome-mv3-measure`. With
 * RECEIPTS_SKIP_BUILD=1 the builds already in `.output` are used as they are (for running one e2e
 * file again while working; .ci/run never sets it).
 */
export default function setup(): void {
  if (process.env.RECEIPTS_SKIP_BUILD === "1") return;
  execFileSync("npm", ["run", "build"], { stdio: "inherit", env: PRODUCTION_BUILD_ENV });
  // `npm run build` has compiled the dataset already; the other builds only need WXT.
  execFileSync("npx", ["wxt", "build", "-b", "firefox"], {
    stdio: "inherit",
    env: PRODUCTION_BUILD_ENV,
  });
  execFileSync("npx", ["wxt", "build"], {
    stdio: "inherit",
    env: { ...PRODUCTION_BUILD_ENV, [MEASURING_BUILD_ENV_VAR]: "1" },
  });
}
