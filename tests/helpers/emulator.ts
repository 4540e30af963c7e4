/**
 * The emulator as tests start it: `soracom emulator`'s own server
 * (`src/emulator/`), on the real network and files, with the tests' accounts
 * ({@link TEST_OPERATORS}), and the hooks tests use (the request log, stubs,
 * faults, a clock the test moves, the code an MFA account's app shows now).
 *
 * @module
 */

import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/server.ts";
import type { Fault } from "../../src/emulator/faults.ts";
import { realFileSystem } from "../../src/system/files.ts";
import { serveHttp } from "../../src/system/serve.ts";
import { type MfaAccountName, mfaSecretOf, TEST_OPERATORS, totpFor } from "./accounts.ts";

/** A failure to inject (the emulator's faults; `reset` is another name for `drop`). */
export type TestFault = Fault | { readonly kind: "reset" };

/** Which requests a fault applies to: this exact path (no query), any method unless named. */
export interface FaultMatch {
  /** Only this method. */
  readonly method?: string;
  /** The URL path, e.g. `/v1/subscribers`. */
  readonly path: string;
}

/** A running test emulator. */
export interface TestEmulator extends Emulator {
  /** The emulator's clock now (ms). */
  now(): number;
  /** The code an MFA account's authenticator shows now, on the emulator's clock. */
  totp(account: MfaAccountName): string;
  /** Makes the next `times` (default 1; `Infinity` allowed) matching requests fail with `fault`. */
  injectFault(match: FaultMatch, fault: TestFault, times?: number): void;
}

/** Options of a test emulator: the emulator's, with the tests' accounts by default. */
export interface TestEmulatorOptions extends Omit<EmulatorOptions, "now"> {
  /** The clock (ms); the real one by default. */
  readonly now?: () => number;
}

/**
 * Starts an emulator on 127.0.0.1 with the tests' accounts.
 *
 * @example
 * ```ts ignore
 * await using api = await startTestEmulator({ sims: 250 });
 * ```
 */
export async function startTestEmulator(
  options: TestEmulatorOptions = {},
): Promise<TestEmulator & AsyncDisposable> {
  const now = options.now ?? (() => Date.now());
  const api = await startEmulator({
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    fs: realFileSystem(),
    serve: serveHttp,
  }, { operators: TEST_OPERATORS, ...options, now });
  return {
    ...api,
    now,
    totp: (account) => totpFor(mfaSecretOf(account), now()),
    injectFault(match, fault, times = 1) {
      if (!(times >= 1) || (!Number.isInteger(times) && times !== Infinity)) {
        throw new RangeError(`times must be a positive integer or Infinity, got ${times}`);
      }
      api.addFault({
        path: match.path,
        method: match.method?.toUpperCase(),
        fault: fault.kind === "reset" ? { kind: "drop" } : fault,
        times: times === Infinity ? undefined : times,
      });
    },
    [Symbol.asyncDispose]: () => api.close(),
  };
}
