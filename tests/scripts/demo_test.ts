/**
 * `deno task demo`, one of README's two commands, runs as a new user runs it
 * from a fresh clone (Deno and jq): the tour ends well, with one login and one
 * one-time code for every command and profile of it.
 *
 * @module
 */

import assert from "node:assert/strict";
import { testWhere } from "../helpers/platform.ts";
import { DENO_DIR } from "../helpers/run.ts";

const DEMO = new URL("../../scripts/demo.ts", import.meta.url).pathname;

testWhere(
  ["/bin/sh", "jq"],
  "deno task demo: the tour runs, one login and one code for all of it",
  async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", DEMO],
      env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", DENO_DIR, HOME: "/nonexistent" },
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    const errors = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, `${text}\n${errors}`);
    assert.equal(text.split("POST /v1/auth with mfaOTPCode").length - 1, 1, text);
    assert.equal(text.split("POST /v1/auth/switch_user").length - 1, 2, text);
    assert.match(text, /password manager runs so far: 2\n[\s\S]*done: one login/);
    assert.doesNotMatch(text, /password manager runs so far: [3-9]/);
    for (
      const seen of ['"s1.4xfast"', '"room": "101"', "temperature", "customer-a", "SPEED CLASS"]
    ) {
      assert.ok(text.includes(seen), `the tour shows ${seen}:\n${text}`);
    }
  },
);
