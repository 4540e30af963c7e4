/**
 * A profile with no credential fields that could log in: `auth status` shows
 * it, and its login says which fields it needs.
 *
 * @module
 */

import { profileProvider } from "../profile_login.ts";
import type { Provider } from "../provider.ts";

/** The provider of profiles without credentials. */
export const noCredentialsProvider: Provider<"noCredentials"> = profileProvider(
  "unknown",
  () => ({}),
);
