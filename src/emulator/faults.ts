/**
 * Faults on purpose, so a client's retries can be tried: rules from
 * `--faults FILE` (or added by a program that started the emulator) that match
 * a path pattern and answer a status (429 with `Retry-After`, a 5xx), wait
 * first, drop the connection half-way through the body, never answer, or send
 * half a body; on every call, on every Nth, or a number of times.
 *
 * A faults file is a JSON list of rules:
 *
 * ```json
 * [
 *   { "path": "/v1/subscribers*", "method": "GET", "status": 429, "retryAfter": 1, "every": 3 },
 *   { "path": "/v1/sims/*", "status": 503, "times": 2 },
 *   { "path": "*", "delayMs": 300 },
 *   { "path": "/v1/groups*", "drop": true, "every": 5 }
 * ]
 * ```
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Faults, parseFaults } from "./faults.ts";
 *
 * const faults = new Faults(parseFaults('[{"path": "/v1/subscribers*", "status": 429, "every": 2}]'));
 * assert.equal(faults.take("GET", "/v1/subscribers"), undefined);
 * assert.equal(faults.take("GET", "/v1/subscribers")?.kind, "status");
 * ```
 *
 * @module
 */

import { z } from "zod";

/** What a rule does to a request it matches. */
export type Fault =
  /** Answer this status (a SORACOM-style error body unless `body`), e.g. 429 or 503. */
  | {
    /** Which fault. */
    readonly kind: "status";
    /** The status to answer. */
    readonly status: number;
    /** Seconds for `Retry-After` (a 429 says 1 unless told). */
    readonly retryAfter?: number;
    /** The body, instead of an error in SORACOM's shape. */
    readonly body?: string;
    /** Headers to add. */
    readonly headers?: Readonly<Record<string, string>>;
  }
  /** Wait, then answer as usual. */
  | {
    /** Which fault. */
    readonly kind: "delay";
    /** How long to wait. */
    readonly ms: number;
  }
  /** Send the status, the headers and half the body, then drop the connection. */
  | { readonly kind: "drop" }
  /** Never answer (until the emulator stops). */
  | { readonly kind: "hang" }
  /** A complete 200 whose body is the first half of the real one. */
  | { readonly kind: "truncate" };

/** A fault, where it applies, and how often. */
export interface FaultRule {
  /** The URL path (with `/v1`); `*` matches anything, slashes too. */
  readonly path: string;
  /** Only this method; any when absent. */
  readonly method?: string;
  /** What it does. */
  readonly fault: Fault;
  /** Every Nth matching request (1, the default: each). */
  readonly every?: number;
  /** At most this many times; unlimited when absent. */
  readonly times?: number;
}

const ruleSchema = z.object({
  path: z.string().min(1),
  method: z.string().regex(/^[A-Za-z]+$/).optional(),
  status: z.number().int().min(400).max(599).optional(),
  retryAfter: z.number().int().min(0).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  drop: z.literal(true).optional(),
  hang: z.literal(true).optional(),
  every: z.number().int().min(1).optional(),
  times: z.number().int().min(1).optional(),
}).strict().refine(
  (r) => [r.status, r.delayMs, r.drop, r.hang].filter((v) => v !== undefined).length === 1,
  { message: "each rule needs exactly one of status, delayMs, drop, hang" },
);

/**
 * The rules of a faults file's text.
 *
 * @throws Error naming what is wrong (the first problem) when it is not a list of rules
 */
export function parseFaults(text: string): FaultRule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = z.array(ruleSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`rule ${issue.path.join(".") || "list"}: ${issue.message}`);
  }
  return parsed.data.map((r) => ({
    path: r.path,
    method: r.method?.toUpperCase(),
    every: r.every,
    times: r.times,
    fault: r.status !== undefined
      ? { kind: "status", status: r.status, retryAfter: r.retryAfter }
      : r.delayMs !== undefined
      ? { kind: "delay", ms: r.delayMs }
      : r.drop
      ? { kind: "drop" }
      : { kind: "hang" },
  }));
}

function patternOf(path: string): RegExp {
  const parts = path.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`);
}

interface LiveRule {
  readonly rule: FaultRule;
  readonly pattern: RegExp;
  seen: number;
  fired: number;
}

/** The rules of one emulator, with how often each has matched. */
export class Faults {
  readonly #rules: LiveRule[] = [];

  /** The rules, in order. */
  constructor(rules: readonly FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule (after the others: the first rule that fires wins). */
  add(rule: FaultRule): void {
    this.#rules.push({ rule, pattern: patternOf(rule.path), seen: 0, fired: 0 });
  }

  /** The fault for this request, if a rule fires on it. */
  take(method: string, path: string): Fault | undefined {
    for (const live of this.#rules) {
      const { rule } = live;
      if (rule.method !== undefined && rule.method !== method) continue;
      if (!live.pattern.test(path)) continue;
      if (rule.times !== undefined && live.fired >= rule.times) continue;
      live.seen += 1;
      if (live.seen % (rule.every ?? 1) !== 0) continue;
      live.fired += 1;
      return rule.fault;
    }
    return undefined;
  }
}
