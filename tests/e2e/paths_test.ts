/**
 * What Windows users meet and Linux developers rarely do, run on every system:
 * folders with spaces (and non-ASCII) in their names, profiles saved with CRLF
 * line endings, and each system's own folders for profiles and sessions.
 */
import assert from "node:assert/strict";
import { runInProcess } from "../helpers/context.ts";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";
import { runBundle } from "../helpers/bundle.ts";

Deno.test("profiles and sessions in folders with spaces, a CRLF profile: login once, then cached", async () => {
  await using f = await emulatorFixture();
  const profiles = `${f.dir}/My Profiles/ソラコム`;
  const sessions = `${f.dir}/App Data/soracom sessions`;
  await Deno.mkdir(profiles, { recursive: true, mode: 0o700 });
  const text = JSON.stringify(PROFILES.authKey, null, 2).replaceAll("\n", "\r\n") + "\r\n";
  await Deno.writeTextFile(`${profiles}/work.json`, text, { mode: 0o600 });
  if (Deno.build.os !== "windows") await Deno.chmod(`${profiles}/work.json`, 0o600);
  const env = { ...f.env, SORACOM_PROFILE_DIR: profiles, SORACOM_SESSION_DIR: sessions };
  for (let i = 0; i < 2; i++) {
    const r = await runInProcess(["--profile", "work", "soralets", "list"], { env });
    assert.deepEqual([r.code, r.stderr], [0, ""]);
  }
  assert.equal(f.api.count("POST", "/v1/auth"), 1);
  const files = [...Deno.readDirSync(sessions)].filter((e) => e.name.endsWith(".json"));
  assert.equal(files.length, 1);
});

Deno.test("profiles and sessions land in this system's folders (Windows: %USERPROFILE%, %LOCALAPPDATA%)", async () => {
  await using f = await emulatorFixture();
  const home = `${f.dir}/User Home`;
  const cache = `${f.dir}/Local App Data`;
  await Deno.mkdir(home, { recursive: true });
  const windows = Deno.build.os === "windows";
  const env: Record<string, string> = {
    SORACOM_ENDPOINT: f.env.SORACOM_ENDPOINT,
    ...(windows ? { USERPROFILE: home, LOCALAPPDATA: cache } : { HOME: home }),
    ...(Deno.build.os === "linux" ? { XDG_CACHE_HOME: cache } : {}),
  };
  const configured = await runBundle([
    "configure",
    "--auth-key-id",
    PROFILES.authKey.authKeyId,
    "--auth-key",
    PROFILES.authKey.authKey,
  ], env);
  assert.equal(configured.code, 0, configured.stderr);
  assert.equal((await runBundle(["soralets", "list"], env)).code, 0);
  assert.equal(f.api.count("POST", "/v1/auth"), 1, "configure's login is the one the call reuses");
  await Deno.stat(`${home}/.soracom/default.json`);
  const sessions = {
    windows: `${cache}/soracom/sessions`,
    darwin: `${home}/Library/Caches/soracom/sessions`,
    linux: `${cache}/soracom/sessions`,
  }[Deno.build.os as string] ?? `${home}/.cache/soracom/sessions`;
  const names = [...Deno.readDirSync(sessions)].map((e) => e.name);
  assert.equal(names.filter((n) => /^[0-9a-f]{64}\.json$/.test(n)).length, 1, names.join(" "));
});
