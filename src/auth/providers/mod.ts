/**
 * Every kind of credential source, one provider each: the one table the
 * compiler holds complete (a kind of `SourceFields` without its provider here does
 * not compile), and the one place a source is bound to its provider.
 *
 * @module
 */

import type { Invocation } from "../invocation.ts";
import type { Kind, Provider, Resolver, SessionProvider, Source } from "../provider.ts";
import { apiKeyProvider } from "./api_key.ts";
import { authKeyProvider } from "./auth_key.ts";
import { noCredentialsProvider } from "./no_credentials.ts";
import { profileAuthKeyProvider } from "./profile_auth_key.ts";
import { profileCommandProvider } from "./profile_command.ts";
import { rootProvider } from "./root.ts";
import { samUserProvider } from "./sam_user.ts";
import { switchUserProvider } from "./switch_user.ts";

/** The provider of each kind. */
export const PROVIDERS: { readonly [K in Kind]: Provider<K> } = {
  apiKey: apiKeyProvider,
  authKey: authKeyProvider,
  profileCommand: profileCommandProvider,
  profileAuthKey: profileAuthKeyProvider,
  root: rootProvider,
  samUser: samUserProvider,
  switchUser: switchUserProvider,
  noCredentials: noCredentialsProvider,
};

/**
 * `source`'s provider, bound to it and its run `inv`; `resolve` finds other
 * sources' providers for a login that needs one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../../context.ts";
 * import { messages } from "../../messages.ts";
 * import { prepare } from "../invocation.ts";
 * import { bindProvider } from "./mod.ts";
 *
 * const { ctx } = fakeContext();
 * const inv = await prepare(ctx, {});
 * const resolve = {
 *   run: () => assert.fail("not needed"),
 *   profile: () => assert.fail("not needed"),
 * };
 * const given = bindProvider(inv, { kind: "authKey", authKeyId: "keyId-1", authKey: "k" }, resolve);
 * assert.equal(given.label(messages("en")), "--auth-key-id keyId-1");
 * assert.equal(given.shownAs, "authKey");
 * ```
 */
export function bindProvider<K extends Kind>(
  inv: Invocation,
  source: Source<K>,
  resolve: Resolver,
): SessionProvider {
  const provider: Provider<K> = PROVIDERS[source.kind];
  const bound = { inv, source, resolve };
  const from = provider.from;
  return {
    kind: source.kind,
    shownAs: provider.shownAs,
    inv,
    identity: () => provider.identity(bound),
    login: (ctx, previous) => provider.login(ctx, bound, previous),
    label: (m) => provider.label(bound, m),
    status: () => provider.status(bound),
    nextLogin: (last) => provider.nextLogin(bound, last),
    from: from && ((ctx) => from(ctx, bound)),
  };
}
