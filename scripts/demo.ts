/**
 * `deno task demo`: the main job, against the bundled loopback SORACOM emulator.
 *
 * 1. starts the emulator on a free loopback port;
 * 2. writes a profile whose profileCommand is a stand-in password manager
 *    (`op`, printing a SAM user's credentials and a fresh TOTP) piped into jq;
 * 3. runs `soracom --profile demo soralets list` and shows what went over the wire;
 * 4. runs it again: the cached session is reused, so neither the password
 *    manager nor the OTP is needed;
 * 5. adds two switch-user profiles on top of it: each switches from the cached
 *    session (no password manager, no OTP), and `soracom auth status --all`
 *    shows every session.
 *
 * Everything lives in a temporary folder that is removed at the end.
 *
 * @module
 */

import { startFakeSoracom } from "../tests/fake_soracom/server.ts";
import { OP_JQ_PROFILE } from "../tests/helpers/fixture.ts";
import { switchTarget } from "../tests/helpers/accounts.ts";
import { installFakeOp, opRuns, runSoracom, tempDir, writeProfile } from "../tests/helpers/run.ts";

/** The profile issue 2 names, as soracom-cli users write it. */
const PROFILE = JSON.parse(OP_JQ_PROFILE);

function step(title: string): void {
  console.log(`\n=== ${title}`);
}

async function hasJq(): Promise<boolean> {
  try {
    return (await new Deno.Command("jq", { args: ["--version"], stdout: "null", stderr: "null" })
      .output())
      .success;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  if (!await hasJq()) {
    console.error(
      "Error: the demo's profileCommand uses jq; install it (apt-get install jq) and rerun",
    );
    return 1;
  }
  const dir = await tempDir();
  const api = await startFakeSoracom();
  try {
    step(`SORACOM API emulator listening on ${api.url}`);
    const op = await installFakeOp(dir);
    const profiles = `${dir}/.soracom`;
    await Deno.mkdir(profiles, { mode: 0o700 });
    const path = await writeProfile(profiles, "demo", PROFILE);
    step(`profile ${path} (mode 0600)`);
    console.log(JSON.stringify(PROFILE, null, 2));
    const env = {
      HOME: dir,
      PATH: op.path,
      SORACOM_ENDPOINT: api.url,
      SORACOM_SESSION_DIR: `${dir}/sessions`,
      FAKE_OP_LOG: op.log,
    };

    const show = async (profile: string, args: string[], round: string, print = true) => {
      step(`soracom --profile ${profile} ${args.join(" ")}   (${round})`);
      const before = api.log.length;
      const r = await runSoracom(["--profile", profile, ...args], { env });
      if (print) Deno.stdout.writeSync(new TextEncoder().encode(r.stdout));
      if (r.stderr) console.error(r.stderr.trimEnd());
      console.log("requests the emulator saw:");
      for (const l of api.log.slice(before)) {
        const fields = l.path === "/v1/auth"
          ? ` with ${Object.keys(JSON.parse(l.body)).sort().join(", ")}`
          : "";
        console.log(`  ${l.method} ${l.path}${fields}`);
      }
      console.log(`password manager runs so far: ${await opRuns(op.log)}`);
      return r.code;
    };
    for (const round of ["first run: logs in", "second run: reuses the cached session"]) {
      const code = await show("demo", ["soralets", "list"], round);
      if (code !== 0) return code;
    }
    for (const name of ["customer-a", "customer-b"]) {
      await writeProfile(profiles, name, {
        sourceProfile: "demo",
        operatorId: switchTarget.operatorId,
        username: switchTarget.userName,
      });
    }
    step("two switch-user profiles on top of demo: customer-a and customer-b");
    for (const name of ["customer-a", "customer-b"]) {
      const code = await show(
        name,
        ["operator", "get"],
        "switches from demo's cached session",
        false,
      );
      if (code !== 0) return code;
    }
    step("soracom auth status --all   (runs and sends nothing; no secrets)");
    const status = await runSoracom(["auth", "status", "--all"], { env });
    Deno.stdout.writeSync(new TextEncoder().encode(status.stdout));
    step("done: one login and one OTP for the whole session, across three profiles");
    return 0;
  } finally {
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.exit(await main());
