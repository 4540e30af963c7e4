/** The emulator's faults: the rules of a faults file, and which request each one fires on. */
import assert from "node:assert/strict";
import { Faults, parseFaults } from "../../src/emulator/faults.ts";

Deno.test("parseFaults reads each kind of rule and refuses a rule with none or two", () => {
  const rules = parseFaults(JSON.stringify([
    { path: "/v1/subscribers*", method: "get", status: 429 },
    { path: "*", delayMs: 5, every: 2, times: 1 },
    { path: "/v1/a", drop: true },
    { path: "/v1/b", hang: true },
  ]));
  assert.deepEqual(rules.map((r) => [r.method, r.fault.kind]), [
    ["GET", "status"],
    [undefined, "delay"],
    [undefined, "drop"],
    [undefined, "hang"],
  ]);
  assert.throws(() => parseFaults('[{"path":"*"}]'), /exactly one of/);
  assert.throws(() => parseFaults('[{"path":"*","status":429,"drop":true}]'), /exactly one of/);
  assert.throws(() => parseFaults("{"), /not JSON/);
  assert.throws(() => parseFaults('[{"path":"*","status":200}]'), /rule 0\.status/);
});

Deno.test("Faults.take fires the first matching rule, every Nth time, at most `times`", () => {
  const faults = new Faults(parseFaults(JSON.stringify([
    { path: "/v1/subscribers/*", method: "POST", status: 503, every: 2, times: 2 },
    { path: "*", delayMs: 1 },
  ])));
  const fired = Array.from({ length: 6 }, () => faults.take("POST", "/v1/subscribers/x/y")?.kind);
  assert.deepEqual(fired, ["delay", "status", "delay", "status", "delay", "delay"]);
  assert.equal(faults.take("GET", "/v1/subscribers/x")?.kind, "delay");
  assert.equal(new Faults().take("GET", "/v1/anything"), undefined);
});
