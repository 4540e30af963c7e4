/**
 * Which credential source a run logs in with, by soracom-cli's priority:
 * `--api-key`+`--api-token`; `--auth-key-id`+`--auth-key`; `--profile-command`;
 * then the profile (its `profileCommand`, then its own fields). The source is
 * bound to its provider (`providers/`), which the session cache wraps.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import type { LoadedProfile } from "../profile/store.ts";
import type { Invocation } from "./invocation.ts";
import type { CredentialSource, Resolver, SessionProvider } from "./provider.ts";
import { bindProvider } from "./providers/mod.ts";

function bothOrNeither(
  a: string | undefined,
  b: string | undefined,
  names: readonly [string, string],
  verb: "flags" | "variables" = "flags",
): boolean {
  if (Boolean(a) !== Boolean(b)) {
    throw new CliError(
      "usage",
      verb === "flags" ? said("bothFlags", ...names) : said("bothVariables", ...names),
    );
  }
  return Boolean(a);
}

/**
 * Picks the credential source by soracom-cli's priority, with one addition
 * between the flags and the profile: `SORACOM_API_KEY` + `SORACOM_API_TOKEN`
 * from the environment, so commands run by `soracom exec` reuse its session.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { prepare } from "./invocation.ts";
 * import { credentialSource } from "./credentials.ts";
 *
 * const { ctx } = fakeContext();
 * const inv = await prepare(ctx, { authKeyId: "keyId-1", authKey: "secret-1" });
 * assert.equal(credentialSource(inv).kind, "authKey");
 * ```
 *
 * @throws CliError (`usage`) for half a pair of flags or variables; the
 * profile's error when the profile is needed and could not be read
 */
export function credentialSource(inv: Invocation): CredentialSource {
  const o = inv.options;
  if (bothOrNeither(o.apiKey, o.apiToken, ["--api-key", "--api-token"])) {
    return { kind: "apiKey", apiKey: o.apiKey!, token: o.apiToken! };
  }
  if (bothOrNeither(o.authKeyId, o.authKey, ["--auth-key-id", "--auth-key"])) {
    return { kind: "authKey", authKeyId: o.authKeyId!, authKey: o.authKey! };
  }
  if (o.profileCommand !== undefined && o.profileCommand !== "") {
    return { kind: "profileCommand", command: o.profileCommand, origin: "--profile-command" };
  }
  const env = inv.environment;
  if (
    bothOrNeither(env?.apiKey, env?.apiToken, ["SORACOM_API_KEY", "SORACOM_API_TOKEN"], "variables")
  ) {
    return { kind: "apiKey", apiKey: env!.apiKey!, token: env!.apiToken! };
  }
  if (inv.fileProfileError) throw inv.fileProfileError;
  const loaded = inv.fileProfile!;
  if (loaded.profile.profileCommand) {
    return { kind: "profileCommand", command: loaded.profile.profileCommand, origin: loaded.path };
  }
  return profileSource(loaded);
}

/**
 * The source a profile's own fields make (a profile file's, or what a
 * profileCommand printed): a switch user, else an AuthKey, a root user, a SAM
 * user, or none. Every field set goes to `/auth` all the same; this is what
 * `auth status` shows and how a switch user is told apart.
 */
export function profileSource(loaded: LoadedProfile): CredentialSource {
  const p = loaded.profile;
  if (p.sourceProfile) return { kind: "switchUser", loaded };
  if (p.authKeyId) return { kind: "profileAuthKey", loaded };
  if (p.email) return { kind: "root", loaded };
  if (p.username) return { kind: "samUser", loaded };
  return { kind: "noCredentials", loaded };
}

/** How providers reach other sources' providers (see {@link Resolver}). */
const RESOLVER: Resolver = {
  run: (inv) => sessionProvider(inv),
  profile: (inv, loaded) => bindProvider(inv, profileSource(loaded), RESOLVER),
};

/**
 * The provider of run `inv`'s credentials: what the session cache wraps and
 * `auth status` reads.
 *
 * @throws CliError as {@link credentialSource} does
 */
export async function sessionProvider(inv: Invocation): Promise<SessionProvider> {
  return await bindProvider(inv, credentialSource(inv), RESOLVER);
}
