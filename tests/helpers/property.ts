/**
 * fast-check, seeded: every run of the suite checks the same cases, so CI
 * cannot pass or fail by luck. `FC_SEED=<n>` replays a reported seed;
 * `FC_SEED=random` explores fresh cases (a failure prints the seed to replay).
 */
import fc from "fast-check";

const given = Deno.env.get("FC_SEED");
if (given !== "random") {
  const seed = given === undefined ? 20261126 : Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random"`);
  fc.configureGlobal({ seed });
}

export { fc };
