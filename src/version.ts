/**
 * The program's version. Its one source is the `version` field of `deno.json`,
 * which the release task also reads.
 *
 * @module
 */

import denoJson from "../deno.json" with { type: "json" };

/** e.g. `0.1.0`. */
export const VERSION: string = denoJson.version;

/** The line `soracom --version` and `soracom version` print, as soracom-cli words it. */
export const VERSION_LINE: string = `SORACOM API client v${VERSION}\n`;
