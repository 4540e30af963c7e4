/**
 * The few assertions the tests need (JSR's @std/assert is out of reach here).
 *
 * @module
 */

/** Thrown when an assertion fails. */
export class AssertionError extends Error {
  override name = "AssertionError";
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? `<${x.length} bytes>` : x), 2);
  } catch {
    return String(v);
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
  );
}

/** Deep equality. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  if (!equal(actual, expected)) {
    throw new AssertionError(
      `${msg ? `${msg}: ` : ""}expected ${show(expected)}, got ${show(actual)}`,
    );
  }
}

/** Truthiness. */
export function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new AssertionError(msg);
}

/** `text` contains `part`. */
export function assertStringIncludes(text: string, part: string, msg?: string): void {
  if (!text.includes(part)) {
    throw new AssertionError(
      `${msg ? `${msg}: ` : ""}expected ${show(text)} to include ${show(part)}`,
    );
  }
}

/** `text` does not contain `part`. */
export function assertNotIncludes(text: string, part: string, msg?: string): void {
  if (text.includes(part)) {
    throw new AssertionError(
      `${msg ? `${msg}: ` : ""}expected ${show(text)} not to include ${show(part)}`,
    );
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

function check(e: unknown, cls?: ErrorClass, includes?: string): Error {
  if (cls && !(e instanceof cls)) {
    throw new AssertionError(`expected ${cls.name}, got ${show(String(e))}`);
  }
  if (includes && !(e instanceof Error && e.message.includes(includes))) {
    throw new AssertionError(
      `expected an error including ${show(includes)}, got ${show(String(e))}`,
    );
  }
  return e as Error;
}

/** `fn` throws (an instance of `cls` whose message includes `includes`). */
export function assertThrows(fn: () => unknown, cls?: ErrorClass, includes?: string): Error {
  try {
    fn();
  } catch (e) {
    return check(e, cls, includes);
  }
  throw new AssertionError("expected the function to throw");
}

/** `fn` rejects (an instance of `cls` whose message includes `includes`). */
export async function assertRejects(
  fn: () => Promise<unknown>,
  cls?: ErrorClass,
  includes?: string,
): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    return check(e, cls, includes);
  }
  throw new AssertionError("expected the promise to reject");
}
