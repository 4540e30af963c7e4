/**
 * An API key and token given: `--api-key` and `--api-token`, or
 * `SORACOM_API_KEY` and `SORACOM_API_TOKEN` as `soracom exec` sets them.
 * Nothing logs in and nothing is cached: the keys are the session.
 *
 * @module
 */

import { operatorIdFromToken } from "../../api/client.ts";
import { NOTHING, type Provider } from "../provider.ts";

/** The provider of given API keys. */
export const apiKeyProvider: Provider<"apiKey"> = {
  shownAs: "apiKey",
  identity: () => undefined,
  login: (_ctx, { source }) =>
    Promise.resolve({
      apiKey: source.apiKey,
      token: source.token,
      operatorId: operatorIdFromToken(source.token) ?? "",
      expiresAt: Number.POSITIVE_INFINITY,
    }),
  label: ({ inv }, m) => m.profileLabel(inv.profileName),
  status: ({ source }) => ({ operatorId: operatorIdFromToken(source.token) }),
  nextLogin: () => NOTHING,
};
