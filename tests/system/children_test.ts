/** Child processes: output captured and capped, a time limit, the exit status of one attached. */
import assert from "node:assert/strict";
import { runAttached, runChild } from "../../src/system/children.ts";
import { CliError } from "../../src/errors.ts";
import { testWhere } from "../helpers/platform.ts";

const options = { timeoutMs: 10_000, maxStdoutBytes: 1024, interactive: false };

testWhere(
  ["/bin/sh"],
  "runChild captures stdout and stderr and gives the exit status",
  async () => {
    const r = await runChild(["/bin/sh", "-c", "printf out; printf err >&2; exit 3"], options);
    assert.equal(r.code, 3);
    assert.equal(new TextDecoder().decode(r.stdout), "out");
    assert.equal(new TextDecoder().decode(r.stderr), "err");
  },
);

testWhere(
  ["/bin/sh"],
  "runChild gives the secret on stdin, never on the command line",
  async () => {
    const input = new TextEncoder().encode("s3cret");
    const r = await runChild(["/bin/sh", "-c", "cat"], { ...options, input });
    assert.equal(new TextDecoder().decode(r.stdout), "s3cret");
  },
);

testWhere(
  ["/bin/sh"],
  "runChild stops a child that prints too much or takes too long",
  async () => {
    await assert.rejects(
      runChild(["/bin/sh", "-c", "while :; do echo xxxxxxxx; done"], options),
      (e) => e instanceof CliError && e.said?.key === "outputTooLarge",
    );
    await assert.rejects(
      runChild(["/bin/sh", "-c", "sleep 30"], { ...options, timeoutMs: 200 }),
      (e) => e instanceof CliError && e.said?.key === "timedOut",
    );
  },
);

testWhere(
  ["/bin/sh"],
  "runAttached resolves to the child's exit status, with the environment given",
  async () => {
    assert.equal(await runAttached(["/bin/sh", "-c", 'test "$X" = y && exit 4'], { X: "y" }), 4);
  },
);
