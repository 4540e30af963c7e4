/**
 * A profile with an AuthKey (`authKeyId` and `authKey`). Like every profile,
 * all its credential fields go to `/auth`; the server takes the AuthKey first.
 *
 * @module
 */

import { profileProvider } from "../profile_login.ts";
import type { Provider } from "../provider.ts";

/** The provider of profiles with an AuthKey. */
export const profileAuthKeyProvider: Provider<"profileAuthKey"> = profileProvider(
  "authKey",
  (p) => ({ authKeyId: p.authKeyId }),
);
