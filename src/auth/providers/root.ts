/**
 * A profile of the root user (`email` and `password`): MFA may be on, so its
 * login may ask for a one-time code.
 *
 * @module
 */

import { profileProvider } from "../profile_login.ts";
import type { Provider } from "../provider.ts";

/** The provider of root-user profiles. */
export const rootProvider: Provider<"root"> = profileProvider("root", (p) => ({ email: p.email }));
