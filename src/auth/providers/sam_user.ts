/**
 * A profile of a SAM user (`operatorId`, `username` and `password`): its login
 * asks for a one-time code when the last one needed it.
 *
 * @module
 */

import { profileProvider } from "../profile_login.ts";
import type { Provider } from "../provider.ts";

/** The provider of SAM-user profiles. */
export const samUserProvider: Provider<"samUser"> = profileProvider("samUser", (p) => ({
  operatorId: p.operatorId,
  userName: p.username,
}));
