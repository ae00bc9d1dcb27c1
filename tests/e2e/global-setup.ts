import { execFileSync } from "node:child_process";
import { PRODUCTION_BUILD_ENV } from "./production-env";

/** Builds the extension once before the e2e files run (they load `.output/chrome-mv3`). */
export default function setup(): void {
  if (process.env.RECEIPTS_SKIP_BUILD === "1") return;
  execFileSync("npm", ["run", "build"], { stdio: "inherit", env: PRODUCTION_BUILD_ENV });
}
