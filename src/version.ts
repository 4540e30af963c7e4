/**
 * The program's version. Its one source is the `version` field of `deno.json`,
 * which the release task also reads.
 *
 * @module
 */

import denoJson from "../deno.json" with { type: "json" };

/** e.g. `0.1.0`. */
export const VERSION: string = denoJson.version;
