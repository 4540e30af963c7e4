/**
 * Which SORACOM endpoint a command uses, decided as soracom-cli does.
 *
 * @module
 */

import type { Profile } from "../profile/schema.ts";

/** The default production or sandbox host for a coverage type (`g` is Global, anything else Japan). */
export function defaultEndpoint(coverageType: string | undefined, sandbox: boolean): string {
  const global = coverageType === "g";
  if (sandbox) {
    return global ? "https://g.api-sandbox.soracom.io" : "https://api-sandbox.soracom.io";
  }
  return global ? "https://g.api.soracom.io" : "https://api.soracom.io";
}

/**
 * The endpoint, without `/v1`. First rule that applies: `SORACOM_ENDPOINT`;
 * no file profile: the default for `--coverage-type`; `--coverage-type` given:
 * the default for it (sandbox when the profile says so); the profile's
 * `endpoint`; the default for the profile's coverage type.
 *
 * @param fileProfile the profile file, when one could be loaded (never profileCommand output)
 */
export function resolveEndpoint(
  envEndpoint: string | undefined,
  coverageTypeFlag: string | undefined,
  fileProfile: Profile | undefined,
): string {
  const endpoint = envEndpoint
    ? envEndpoint
    : fileProfile === undefined
    ? defaultEndpoint(coverageTypeFlag, false)
    : coverageTypeFlag
    ? defaultEndpoint(coverageTypeFlag, fileProfile.sandbox ?? false)
    : fileProfile.endpoint
    ? fileProfile.endpoint
    : defaultEndpoint(fileProfile.coverageType, fileProfile.sandbox ?? false);
  return endpoint.replace(/\/+$/, "");
}

/**
 * True when `url` names this machine: `localhost` or a loopback address.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isLoopback } from "./endpoint.ts";
 * assert.equal(isLoopback(new URL("http://127.0.0.1:8080")), true);
 * assert.equal(isLoopback(new URL("http://[::1]/")), true);
 * assert.equal(isLoopback(new URL("http://api.example.com")), false);
 * ```
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}
