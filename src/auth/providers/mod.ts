/**
 * Every kind of credential source, one provider each: the one table the
 * compiler holds complete (a kind of `SourceFields` without its provider here
 * does not compile), and the one place a source is bound to its provider. Each
 * provider is loaded when a run uses its kind: a warm call loads one.
 *
 * @module
 */

import type { Invocation } from "../invocation.ts";
import type { Kind, Provider, Resolver, SessionProvider, Source } from "../provider.ts";
/** The provider of each kind, loaded when asked for. */
export const PROVIDERS: { readonly [K in Kind]: () => Promise<Provider<K>> } = {
  apiKey: async () => (await import("./api_key.ts")).apiKeyProvider,
  authKey: async () => (await import("./auth_key.ts")).authKeyProvider,
  profileCommand: async () => (await import("./profile_command.ts")).profileCommandProvider,
  profileAuthKey: async () => (await import("./profile_auth_key.ts")).profileAuthKeyProvider,
  root: async () => (await import("./root.ts")).rootProvider,
  samUser: async () => (await import("./sam_user.ts")).samUserProvider,
  switchUser: async () => (await import("./switch_user.ts")).switchUserProvider,
  noCredentials: async () => (await import("./no_credentials.ts")).noCredentialsProvider,
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
 * const source = { kind: "authKey", authKeyId: "keyId-1", authKey: "k" } as const;
 * const given = await bindProvider(inv, source, resolve);
 * assert.equal(given.label(messages("en")), "--auth-key-id keyId-1");
 * assert.equal(given.shownAs, "authKey");
 * ```
 */
export async function bindProvider<K extends Kind>(
  inv: Invocation,
  source: Source<K>,
  resolve: Resolver,
): Promise<SessionProvider> {
  const provider: Provider<K> = await PROVIDERS[source.kind]();
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
