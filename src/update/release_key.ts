/**
 * The public keys that sign releases (minisign format, see `minisign.ts`):
 * `self-update` installs nothing whose `SHA256SUMS` one of them has not
 * signed. More than one lets a new key be brought in before the old one is
 * retired. Made with `deno task release-key`; the secret half is only in the
 * release workflow's RELEASE_SIGNING_KEY secret.
 *
 * @module
 */

/** Trusted release signing keys, newest first. */
export const RELEASE_PUBLIC_KEYS: readonly string[] = [
  "RWRtYrp5rBZI8aeRGJRIhuirVD9x4M9bPHtBWLDapvSje/7aiHr/ZWvU",
];
