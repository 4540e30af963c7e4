/**
 * `soracom self-update` as a person meets it, against a loopback releases API
 * replacing a copy of a file (`SORACOM_SELF_UPDATE_TARGET`): what it prints,
 * the confirmation, its errors as one line, and `deno run`. What the update
 * refuses is tested in `tests/update/update_test.ts`.
 */
import assert from "node:assert/strict";
import { runInProcess, testContext } from "../../helpers/context.ts";
import { hostAssetName, releaseOf } from "../../../scripts/fake_releases.ts";
import { runCli } from "../../../src/cli/app.ts";
import { VERSION } from "../../../src/version.ts";
import { testWhere } from "../../helpers/platform.ts";
import {
  assertUnchanged,
  NEW,
  type UpdateTarget,
  updateTarget as setup,
} from "../../helpers/update_target.ts";

testWhere(
  ["posix-modes"],
  "self-update --yes downloads, verifies and replaces the executable",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW));
    const r = await runInProcess(["self-update", "--yes"], { env: t.env });
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `soracom updated from v${VERSION} to v99.0.0 (${t.target}).\n`);
    assert.deepEqual(await Deno.readFile(t.target), NEW);
    assert.equal((await Deno.stat(t.target)).mode! & 0o777, 0o755);
    assert.deepEqual(await t.files(), ["soracom"]);
    const ran = await new Deno.Command(t.target, { stdout: "piped" }).output();
    assert.equal(new TextDecoder().decode(ran.stdout), "new soracom 99.0.0\n");
    assert.deepEqual(t.releases.requests, [
      "/repos/soracom-ts/soracom/releases/latest",
      "/download/v99.0.0/SHA256SUMS",
      "/download/v99.0.0/SHA256SUMS.minisig",
      `/download/v99.0.0/${hostAssetName("99.0.0")}`,
    ]);
  },
);

testWhere(
  ["posix-modes"],
  "self-update: already the latest (or newer) changes nothing",
  async () => {
    for (const latest of [VERSION, "0.0.9"]) {
      await using t = await setup(await releaseOf(latest, NEW));
      const r = await runInProcess(["self-update", "--yes"], { env: t.env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        `soracom v${VERSION} is up to date (the latest release is v${latest}).\n`,
      );
      assert.equal(t.releases.downloads(), 0);
      await assertUnchanged(t);
    }
  },
);

testWhere(
  ["posix-modes"],
  "self-update without --yes and without a terminal asks for --yes",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW));
    const r = await runInProcess(["self-update"], { env: t.env });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /Error: self-update needs a terminal to confirm; add --yes to update without asking\n/,
    );
    assert.equal(t.releases.downloads(), 0);
    await assertUnchanged(t);
  },
);

testWhere(
  ["posix-modes"],
  "self-update under deno run explains how to update and asks nothing",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW));
    const r = await runInProcess(["self-update"], {
      env: { SORACOM_RELEASES_URL: t.releases.url },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /is running as a script under Deno/);
    assert.match(r.stdout, /https:\/\/github\.com\/soracom-ts\/soracom\/releases\/latest/);
    assert.equal(t.releases.requests.length, 0);
  },
);

testWhere(
  ["posix-modes"],
  "self-update: the releases API's errors and a bad SORACOM_RELEASES_URL are one line",
  async () => {
    await using t = await setup({ tag: "v99.0.0", assets: {}, status: 404 });
    const r = await runInProcess(["self-update", "--yes"], { env: t.env });
    assert.equal(r.code, 5);
    assert.equal(
      r.stderr,
      `Error: GET ${t.releases.url}/repos/soracom-ts/soracom/releases/latest: HTTP 404 {"message":"Not Found"}\n`,
    );
    const bad = await runInProcess(["self-update", "--yes"], {
      env: { ...t.env, SORACOM_RELEASES_URL: "ftp://user:secret@example.invalid" },
    });
    assert.equal(
      bad.stderr,
      "Error: SORACOM_RELEASES_URL must be an https URL (plain http only on this machine, for tests)\n",
    );
    assert.equal(bad.code, 2);
    const down = await runInProcess(["self-update", "--yes"], {
      env: { ...t.env, SORACOM_RELEASES_URL: "http://user:secret@127.0.0.1:1" },
    });
    assert.equal(down.code, 6);
    assert.match(down.stderr, /Error: GET http:\/\/127\.0\.0\.1:1\/repos\//);
    assert.ok(!down.stderr.includes("secret"), down.stderr);
    await assertUnchanged(t);
  },
);

/** Runs `self-update` in-process with prompts answered. */
async function inProcess(t: UpdateTarget, args: string[], prompts: string[]) {
  const tc = testContext({ env: t.env, prompts });
  const code = await runCli(args, tc.ctx);
  return { code, stdout: tc.stdout(), stderr: tc.stderr(), asked: tc.asked };
}

testWhere(
  ["posix-modes"],
  "self-update asks on the terminal: y updates, anything else aborts",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW));
    const no = await inProcess(t, ["self-update"], ["n"]);
    assert.equal(no.code, 1);
    assert.deepEqual(no.asked, ["Update now? (y/N) "]);
    assert.ok(no.stderr.includes(`soracom v99.0.0 is available (this is v${VERSION}).\n`));
    assert.ok(no.stderr.includes(`This replaces ${t.target}.`));
    assert.ok(no.stderr.endsWith("Error: abort\n"), no.stderr);
    assert.equal(t.releases.downloads(), 0);
    await assertUnchanged(t);
    const yes = await inProcess(t, ["self-update"], ["y"]);
    assert.equal(yes.code, 0, yes.stderr);
    assert.deepEqual(await Deno.readFile(t.target), NEW);
  },
);
