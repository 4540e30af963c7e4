/**
 * An AuthKey given on the command line: `--auth-key-id` and `--auth-key`.
 * Its session is cached by the key's ID and a keyed hash of its secret.
 *
 * @module
 */

import { loginWithFields } from "../profile_login.ts";
import { NOTHING, type Provider } from "../provider.ts";

/** The provider of `--auth-key-id` and `--auth-key`. */
export const authKeyProvider: Provider<"authKey"> = {
  shownAs: "authKey",
  identity: ({ inv, source }) => ({
    who: JSON.stringify([inv.target.endpoint, "authKey", source.authKeyId]),
    secret: source.authKey,
  }),
  login: (ctx, { inv, source }) =>
    loginWithFields(
      ctx,
      inv,
      { authKeyId: source.authKeyId, authKey: source.authKey },
      "--auth-key-id",
    ),
  label: ({ source }) => `--auth-key-id ${source.authKeyId}`,
  status: ({ source }) => ({ authKeyId: source.authKeyId }),
  nextLogin: () => NOTHING,
};
