/**
 * A switch-user profile (`sourceProfile`, `operatorId`, `username`): it logs
 * in as its source profile would (`--profile SOURCE`, at this run's endpoint),
 * then switches to the user it names. The source's session comes through the
 * previous-session hook, so it is cached as the source's own.
 *
 * @module
 */

import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { said } from "../../messages.ts";
import type { Profile } from "../../profile/schema.ts";
import {
  type LoadedProfile,
  loadProfile,
  profileDir,
  sourceProfileName,
} from "../../profile/store.ts";
import type { Invocation } from "../invocation.ts";
import { switchUser } from "../login.ts";
import { profileProvider } from "../profile_login.ts";
import type { Bound, Provider, SessionProvider } from "../provider.ts";

/**
 * The run a switch-user profile's source would have as `--profile SOURCE`, at
 * this run's endpoint: the same credentials, OTP sources and session identity.
 *
 * @throws CliError (`config`) when the source cannot be loaded, is itself a
 * switch-user profile, or the switch target is incomplete
 */
export async function sourceInvocation(
  ctx: Context,
  inv: Invocation,
  profile: Profile,
): Promise<Invocation> {
  const sourceName = sourceProfileName(profile.sourceProfile!);
  let loaded: LoadedProfile;
  try {
    loaded = await loadProfile(ctx, profileDir(ctx), sourceName);
  } catch (e) {
    if (e instanceof CliError) {
      throw new CliError(e.kind, said("sourceNotLoaded", sourceName, e.message));
    }
    throw e;
  }
  if (loaded.profile.sourceProfile !== undefined) {
    throw new CliError("config", said("nestedSwitchUser", sourceName));
  }
  if (!profile.operatorId || !profile.username) {
    throw new CliError("config", said("switchUserIncomplete"));
  }
  const o = inv.options;
  return {
    options: { profile: sourceName, mfaOtpcode: o.mfaOtpcode, noSessionCache: o.noSessionCache },
    profileName: sourceName,
    fileProfile: loaded,
    target: inv.target,
  };
}

const asProfile: Provider<"switchUser"> = profileProvider("switchUser", (p) => ({
  operatorId: p.operatorId,
  userName: p.username,
  sourceProfile: p.sourceProfile,
}));

/** The provider of the source profile's session, which a switch-user login is made from. */
async function fromSource(
  ctx: Context,
  { inv, source, resolve }: Bound<"switchUser">,
): Promise<SessionProvider> {
  return await resolve.run(await sourceInvocation(ctx, inv, source.loaded.profile));
}

/** The provider of switch-user profiles. */
export const switchUserProvider: Provider<"switchUser"> = {
  ...asProfile,
  from: fromSource,
  async login(ctx, bound, previous) {
    const profile = bound.source.loaded.profile;
    return await previous(
      await fromSource(ctx, bound),
      (first) =>
        switchUser(ctx, bound.inv.target, first, {
          operatorId: profile.operatorId!,
          userName: profile.username!,
          tokenTimeoutSeconds: profile.tokenTimeoutSeconds,
        }),
    );
  },
};
