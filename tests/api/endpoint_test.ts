/** Which endpoint a command uses, by soracom-cli's rules. */
import assert from "node:assert/strict";
import { defaultEndpoint, isLoopback, resolveEndpoint } from "../../src/api/endpoint.ts";

Deno.test("defaultEndpoint: Japan unless the coverage type is g, sandbox when asked", () => {
  assert.equal(defaultEndpoint(undefined, false), "https://api.soracom.io");
  assert.equal(defaultEndpoint("jp", true), "https://api-sandbox.soracom.io");
  assert.equal(defaultEndpoint("g", false), "https://g.api.soracom.io");
  assert.equal(defaultEndpoint("g", true), "https://g.api-sandbox.soracom.io");
});

Deno.test("resolveEndpoint: the environment, then the flag, then the profile", () => {
  const profile = { endpoint: "https://api.example.com/", coverageType: "g" };
  assert.equal(resolveEndpoint("http://127.0.0.1:8080//", "g", profile), "http://127.0.0.1:8080");
  assert.equal(resolveEndpoint(undefined, "g", undefined), "https://g.api.soracom.io");
  assert.equal(
    resolveEndpoint(undefined, "g", { sandbox: true }),
    "https://g.api-sandbox.soracom.io",
  );
  assert.equal(resolveEndpoint(undefined, undefined, profile), "https://api.example.com");
  assert.equal(
    resolveEndpoint(undefined, undefined, { coverageType: "g" }),
    "https://g.api.soracom.io",
  );
});

Deno.test("isLoopback: localhost and loopback addresses only", () => {
  for (const url of ["http://localhost:1", "http://127.1.2.3", "http://[::1]:8080"]) {
    assert.equal(isLoopback(new URL(url)), true, url);
  }
  for (const url of ["http://128.0.0.1", "http://localhost.example.com", "http://[::2]"]) {
    assert.equal(isLoopback(new URL(url)), false, url);
  }
});
