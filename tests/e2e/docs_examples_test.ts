/**
 * Every `soracom` command shown in README.md and docs/ runs against the
 * emulator, offline, in the order a reader meets them, in one home folder
 * (so `configure` then `sims list` works as the Quick start says): each exits
 * 0. Interactive ones run in a pseudo-terminal with the answers below; the
 * profiles and script the README shows with `cat` are made first; `soracom
 * emulator` is started on a free port and stopped with Ctrl-C.
 *
 * When an example is added, it runs as it is; if it needs a terminal or a
 * file, this test says which example and what to add here.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type DocExample, docExamples } from "../helpers/doc_examples.ts";
import { startTestEmulator } from "../helpers/emulator.ts";
import { TEST_OPERATORS } from "../helpers/accounts.ts";
import { DEFAULT_OPERATOR } from "../../src/emulator/seed.ts";
import { installFakeOp, runSoracom, tempDir, writeProfile } from "../helpers/run.ts";
import { runInPty } from "../helpers/pty.ts";
import { testWhere } from "../helpers/platform.ts";
import { OP_JQ_PROFILE, PROFILES } from "../helpers/fixture.ts";
import { MAIN } from "../helpers/run.ts";
import { DENO_DIR } from "../helpers/run.ts";

const EMULATOR_KEY = DEFAULT_OPERATOR.authKeys![0];

/** Answers for the examples that ask on a terminal, by command: [prompt, answer] in order. */
const DIALOGUES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  "soracom configure": [
    ["select (1-2) > ", "2"],
    ["select (1-6) > ", "1"],
    ["authKeyId: ", EMULATOR_KEY.authKeyId],
    ["authKey: ", EMULATOR_KEY.authKey],
  ],
};

/** What a reader of "A day with MFA" has: its profiles (shown with `cat`) and a report script. */
async function readerHome(dir: string, profiles: string): Promise<void> {
  await Deno.mkdir(profiles, { recursive: true, mode: 0o700 });
  await writeProfile(profiles, "sam", {
    ...JSON.parse(OP_JQ_PROFILE),
    mfaOTPCommand: "op item get soracom-power-sam-user --otp",
  });
  for (const name of ["customer-a", "customer-b", "customer-c"]) {
    await writeProfile(profiles, name, { ...PROFILES.switchFromSam });
  }
  await Deno.writeTextFile(
    `${dir}/monthly-report.sh`,
    "#!/bin/sh\necho report for $SORACOM_OPERATOR_ID\n",
    {
      mode: 0o755,
    },
  );
  await Deno.chmod(`${dir}/monthly-report.sh`, 0o755);
}

/** Runs `soracom emulator ARGS` on a free port until its banner, then Ctrl-C; its exit code. */
async function emulatorExample(args: readonly string[], env: Record<string, string>, cwd: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "-A", MAIN, ...args, "--port", "0"],
    env: { ...env, DENO_DIR, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("Ctrl-C")) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += chunk.value;
  }
  child.kill("SIGINT");
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    text += chunk.value;
  }
  const stderr = await new Response(child.stderr).text();
  return { code: (await child.status).code, stdout: text, stderr: `${text}${stderr}` };
}

async function runExample(e: DocExample, env: Record<string, string>, cwd: string) {
  if (e.args[0] === "emulator") return await emulatorExample(e.args, env, cwd);
  const dialogue = DIALOGUES[e.command];
  if (dialogue === undefined) return await runSoracom(e.args, { env, cwd });
  const profile = `${env.HOME}/.soracom/default.json`;
  // Asked again, configure first asks whether to replace the profile.
  const again = await Deno.stat(profile).then(() => true, () => false);
  const replace: (readonly [string, string])[] = again ? [["Overwrite it? (y/N) ", "y"]] : [];
  const r = await runInPty(["--no-session-cache", ...e.args], env, [...replace, ...dialogue], {
    cwd,
  });
  return { code: r.code, stdout: r.screen, stderr: r.screen };
}

testWhere(
  ["setsid", "script", "/bin/sh", "jq"],
  "every soracom command in README.md and docs/ runs against the emulator, offline, in order",
  async (t) => {
    const examples = await docExamples();
    assert.ok(examples.length >= 30, `${examples.length} examples`);
    const dir = await tempDir();
    await using api = await startTestEmulator({
      operators: [
        { ...TEST_OPERATORS[0], authKeys: [...TEST_OPERATORS[0].authKeys!, EMULATOR_KEY] },
        ...TEST_OPERATORS.slice(1),
      ],
    });
    try {
      const op = await installFakeOp(dir);
      await readerHome(dir, `${dir}/.soracom`);
      const env = {
        HOME: dir,
        PATH: op.path,
        SORACOM_ENDPOINT: api.url,
        SORACOM_SESSION_DIR: `${dir}/sessions`,
      };
      for (const e of examples) {
        await t.step(`${e.file}:${e.line} ${e.command}`, async () => {
          const r = await runExample(e, env, dir);
          assert.equal(
            r.code,
            0,
            `${e.file}:${e.line} \`${e.command}\` failed offline (exit ${r.code}):\n${r.stderr}\n` +
              "If it asks on a terminal, add its answers to DIALOGUES; if it needs a file, make it in readerHome.",
          );
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);
