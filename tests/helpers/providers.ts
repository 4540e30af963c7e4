/**
 * What the tests of `src/auth/providers/` share: a fake run (profiles in an
 * in-memory home, a fake `/auth` that records what it is sent) and the
 * provider credential priority picks for it.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type Fake, fakeContext } from "../../src/context.ts";
import { sessionProvider } from "../../src/auth/credentials.ts";
import { type LoginOptions, prepare } from "../../src/auth/invocation.ts";
import type { PreviousSession, SessionProvider } from "../../src/auth/provider.ts";

/** One request the fake API was sent. */
export interface Sent {
  /** Its path, `/v1/auth` or `/v1/auth/switch_user`. */
  readonly path: string;
  /** Its JSON body. */
  readonly body: Record<string, unknown>;
  /** Its `X-Soracom-API-Key`, if any. */
  readonly apiKey: string | null;
}

/** A fake run's provider, what it printed, and what the fake API was sent. */
export interface ProviderRun {
  /** The fake context. */
  readonly fake: Fake;
  /** The provider the run's credentials make. */
  readonly provider: SessionProvider;
  /** The requests, in order. */
  readonly sent: Sent[];
}

/** A fake run's setting. */
export interface RunSetting {
  /** Its global flags. */
  readonly options?: LoginOptions;
  /** Profiles in ann's home: name -> JSON. */
  readonly profiles?: Readonly<Record<string, unknown>>;
  /** Environment variables besides HOME. */
  readonly env?: Readonly<Record<string, string>>;
  /** What each command run prints (a profileCommand's profile, an mfaOTPCommand's code). */
  readonly printed?: (argv: readonly string[]) => string;
}

/**
 * A run as `setting` makes it. The fake API logs anyone in as `api-N` and
 * `token-N` (N counting requests) of OP0000000001, and switches to the user
 * asked for.
 */
export async function providerRun(setting: RunSetting = {}): Promise<ProviderRun> {
  const { options = {}, profiles = {}, env = {}, printed } = setting;
  const sent: Sent[] = [];
  const files = Object.fromEntries(
    Object.entries(profiles).map((
      [name, profile],
    ) => [`/home/ann/.soracom/${name}.json`, JSON.stringify(profile)]),
  );
  const fake = fakeContext({
    env: { HOME: "/home/ann", ...env },
    files,
    run: printed &&
      ((argv) => Promise.resolve({ code: 0, stdout: new TextEncoder().encode(printed(argv)) })),
    fetch: async (req) => {
      const path = new URL(req.url).pathname;
      const body = JSON.parse(await req.text()) as Record<string, unknown>;
      sent.push({ path, body, apiKey: req.headers.get("X-Soracom-API-Key") });
      const n = sent.length;
      const answer = path === "/v1/auth/switch_user"
        ? {
          apiKey: `api-${n}`,
          token: `token-${n}`,
          operatorId: body.operatorId,
          userName: body.userName,
        }
        : { apiKey: `api-${n}`, token: `token-${n}`, operatorId: "OP0000000001" };
      return Response.json(answer);
    },
  });
  const provider = await sessionProvider(await prepare(fake.ctx, options));
  return { fake, provider, sent };
}

/** A previous-session hook for a login that must not need one. */
export const NO_PREVIOUS: PreviousSession = () => assert.fail("this login needs no other session");

/** A previous-session hook that logs the other source in, without a cache. */
export function loggingIn(ctx: Fake["ctx"]): PreviousSession {
  return async (from, use) => await use(await from.login(ctx, loggingIn(ctx)));
}
