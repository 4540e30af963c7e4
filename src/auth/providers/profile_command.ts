/**
 * A profileCommand (`--profile-command`, or the profile's `profileCommand`):
 * its output is the profile to log in with, so it runs at each login, and its
 * session is cached by the command itself (the output is not known before).
 *
 * @module
 */

import { profileFromCommand } from "../../profile/command.ts";
import type { Provider } from "../provider.ts";

/** The provider of profileCommands. */
export const profileCommandProvider: Provider<"profileCommand"> = {
  shownAs: "profileCommand",
  identity: ({ inv, source }) => ({
    who: JSON.stringify([inv.target.endpoint, "profileCommand", source.origin, source.command]),
  }),
  async login(ctx, { inv, source, resolve }, previous) {
    const profile = await profileFromCommand(ctx, source.command);
    const printed = { name: inv.profileName, path: source.origin, profile };
    return await (await resolve.profile(inv, printed)).login(ctx, previous);
  },
  label: ({ inv }, m) => m.profileLabel(inv.profileName),
  status: () => ({}),
  nextLogin: ({ inv }) => ({
    profileCommand: true,
    mfaOTPCommand: Boolean(inv.fileProfile?.profile.mfaOTPCommand),
    otpPrompt: "no",
  }),
};
