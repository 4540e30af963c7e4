/**
 * What Windows users meet and Linux developers rarely do, run on every system:
 * folders with spaces (and non-ASCII) in their names, and profiles saved with
 * CRLF line endings.
 */
import { assertEquals } from "../helpers/assert.ts";
import { runInProcess } from "../helpers/context.ts";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";

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
    assertEquals([r.code, r.stderr], [0, ""]);
  }
  assertEquals(f.api.count("POST", "/v1/auth"), 1);
  const files = [...Deno.readDirSync(sessions)].filter((e) => e.name.endsWith(".json"));
  assertEquals(files.length, 1);
});
