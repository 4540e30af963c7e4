/**
 * Loopback servers that play the API (or a proxy, a second host) and record
 * what reached them, and a temporary home with one profile: what the security
 * tests run the bundled program against.
 *
 * @module
 */

import { emulatorFixture, type Fixture } from "./fixture.ts";
import { tempDir, writeProfile } from "./run.ts";

/** What a loopback server received. */
export interface Seen {
  readonly method: string;
  /** The path; for a request sent to a proxy, the whole URL it was asked for. */
  readonly path: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A loopback server that records every request and answers with `answer` (given the body read). */
export function recorder(answer: (req: Request, body: string) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await req.text();
    seen.push({
      method: req.method,
      path: new URL(req.url).pathname,
      url: req.url,
      headers: Object.fromEntries(req.headers),
      body,
    });
    return await answer(req, body);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    seen,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/** A temporary home with `profile` as the default profile, and the environment that uses it. */
export async function home(profile: unknown) {
  const dir = await tempDir();
  await Deno.mkdir(`${dir}/profiles`, { mode: 0o700 });
  await writeProfile(`${dir}/profiles`, "default", profile);
  return {
    dir,
    env: { HOME: dir, SORACOM_PROFILE_DIR: `${dir}/profiles`, SORACOM_SESSION_DIR: `${dir}/s` },
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

/** The emulator and a home with `profiles` (name -> profile). */
export async function emulatorHome(profiles: Record<string, unknown>): Promise<Fixture> {
  const f = await emulatorFixture();
  for (const [name, profile] of Object.entries(profiles)) {
    await writeProfile(f.profiles, name, profile);
  }
  return f;
}
