/** Constants the build writes into the bundles (wxt.config.ts). */
interface ImportMetaEnv {
  /** A hash of the match index and the matcher's code: see lib/settings/sieve-store.ts. */
  readonly RECEIPTS_SIEVE_KEY: string;
}
