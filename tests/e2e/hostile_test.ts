/**
 * Nothing hostile reaches the terminal, no secret escapes any encoding (issue
 * 24): the bundled program under the release permission flags, against
 * loopback servers playing the API, a proxy and a hostile login reply.
 */

import assert from "node:assert/strict";
import { runBundle } from "../helpers/bundle.ts";
import { home, recorder } from "../helpers/loopback.ts";
import { root } from "../fake_soracom/accounts.ts";
import { testWhere } from "../helpers/platform.ts";

/** JSON as Go's encoder writes it: `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (c) => `\\u00${c.charCodeAt(0).toString(16)}`,
  );
}

/** JSON with every non-ASCII character escaped, as Python's `ensure_ascii` writes it. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^ -~]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

testWhere(
  ["posix-modes"],
  "a password echoed in any JSON or URL spelling is hidden in the error",
  async () => {
    for (
      const [password, echo] of [
        ["Pa<ss>&word-1", goJson],
        ["mot-de-passé-2", asciiJson],
        ["Pa<ss é>&word-3", (body: unknown) => `bad form ${new URLSearchParams(body as never)}`],
      ] as const
    ) {
      // A login refused with the request echoed back, encoded as the server's own encoder does.
      await using api = recorder((_, body) =>
        new Response(
          goJson({ code: "AUTH0001", message: `bad request ${echo(JSON.parse(body))}` }),
          { status: 400, headers: { "content-type": "application/json" } },
        )
      );
      await using h = await home({ email: root.email, password });
      const r = await runBundle(["subscribers", "list", "--no-session-cache"], {
        ...h.env,
        SORACOM_ENDPOINT: api.url,
      });
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, /<hidden>/, r.stderr);
      // Not a piece of it, in any spelling (each password has one of these in it).
      assert.doesNotMatch(r.stderr, /word-|de-pass|Pa\\*u003c/, r.stderr);
    }
  },
);
