/**
 * The release: `deno task release --dry-run`, the layout, archives and
 * SHA256SUMS it writes (with a stand-in for `deno compile`), the one list of
 * permissions, the release workflow, and the real `deno compile` where a
 * runtime is available.
 */
import { generateReleaseKey } from "../../scripts/release_key.ts";
import { verifySignature } from "../../src/update/minisign.ts";
import { parse } from "yaml";
import assert from "node:assert/strict";
import { tempDir } from "../helpers/run.ts";
import { startTestEmulator } from "../helpers/emulator.ts";
import { authKey } from "../helpers/accounts.ts";
import {
  archiveStem,
  buildRelease,
  type Compile,
  compileArgs,
  crc32,
  shellQuote,
  TARGETS,
} from "../../scripts/release.ts";
import { ENV_VARIABLES, PERMISSION_FLAGS, PERMISSIONS } from "../../src/permissions.ts";
import { parseChecksums } from "../../src/update/release.ts";
import { VERSION } from "../../src/version.ts";
import { testWhere } from "../helpers/platform.ts";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const decoder = new TextDecoder();

async function run(cmd: string, args: string[], cwd = ROOT) {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

function hasTool(name: string): boolean {
  try {
    return new Deno.Command(name, { args: ["-v"], stdout: "null", stderr: "null" }).outputSync()
      .code !== 127;
  } catch {
    return false;
  }
}

testWhere(
  ["/bin/sh"],
  "deno task release --dry-run prints one deno compile command per target and builds nothing",
  async () => {
    const before = await Deno.stat(`${ROOT}/dist/${VERSION}`).then((s) => s.mtime?.getTime())
      .catch(() => undefined);
    const r = await run(Deno.execPath(), ["task", "--quiet", "release", "--dry-run"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    const expected = [
      ["x86_64-unknown-linux-gnu", "linux_amd64"],
      ["aarch64-unknown-linux-gnu", "linux_arm64"],
      ["x86_64-apple-darwin", "darwin_amd64"],
      ["aarch64-apple-darwin", "darwin_arm64"],
      ["x86_64-pc-windows-msvc", "windows_amd64.exe"],
    ];
    assert.deepEqual(lines.length, expected.length, r.stdout);
    for (const [i, [triple, suffix]] of expected.entries()) {
      const words = lines[i].split(" ");
      assert.deepEqual(words.slice(0, 6), [
        "deno",
        "compile",
        "--target",
        triple,
        "--output",
        `dist/${VERSION}/soracom_${VERSION}_${suffix}`,
      ]);
      assert.equal(words.at(-1), "main.ts");
      for (const flag of PERMISSION_FLAGS) {
        assert.ok(words.includes(flag), `${flag} in ${lines[i]}`);
      }
      assert.ok(!words.some((w) => w === "-A" || w === "--allow-all"), lines[i]);
      assert.deepEqual(
        words.filter((w) => w.startsWith("--allow-")).length,
        PERMISSION_FLAGS.length,
      );
    }
    const after = await Deno.stat(`${ROOT}/dist/${VERSION}`).then((s) => s.mtime?.getTime())
      .catch(() => undefined);
    assert.deepEqual(after, before);
    const bad = await run(Deno.execPath(), ["run", "-A", "scripts/release.ts", "--frobnicate"]);
    assert.equal(bad.code, 2);
    assert.ok(bad.stderr.startsWith('Error: unknown argument "--frobnicate"\n'), bad.stderr);
    const target = await run(Deno.execPath(), [
      "run",
      "-A",
      "scripts/release.ts",
      "--dry-run",
      "--target",
      "x86_64-apple-darwin",
      "--out",
      "/tmp/o",
    ]);
    assert.equal(target.stdout.split("\n").length, 2);
    assert.match(target.stdout, /--output \/tmp\/o\//);
  },
);

/** A stand-in for `deno compile`: writes a small file where `--output` says. */
function fakeCompile(calls: string[][]): Compile {
  return async (args) => {
    calls.push([...args]);
    const output = args[args.indexOf("--output") + 1];
    await Deno.writeTextFile(
      output,
      `#!/bin/sh\necho built for ${args[args.indexOf("--target") + 1]}\n`,
    );
  };
}

testWhere(
  ["/bin/sh", "posix-modes"],
  "the release layout: executables, tar.gz/zip with a folder inside, SHA256SUMS",
  async () => {
    const dir = await tempDir();
    try {
      // A leftover from an earlier build must not survive (SHA256SUMS lists this build only).
      await Deno.mkdir(`${dir}/out/9.8.7`, { recursive: true });
      await Deno.writeTextFile(`${dir}/out/9.8.7/stale`, "x");
      const calls: string[][] = [];
      const built = await buildRelease({
        root: ROOT,
        outDir: `${dir}/out`,
        version: "9.8.7",
        targets: TARGETS,
        compile: fakeCompile(calls),
      });
      assert.deepEqual(calls, TARGETS.map((t) => compileArgs("9.8.7", t, `${dir}/out`)));
      const names = [...Deno.readDirSync(built.dir)].map((e) => e.name).sort();
      assert.deepEqual(names, [
        "SHA256SUMS",
        "soracom.json",
        "soracom.rb",
        "soracom_9.8.7_darwin_amd64",
        "soracom_9.8.7_darwin_amd64.zip",
        "soracom_9.8.7_darwin_arm64",
        "soracom_9.8.7_darwin_arm64.zip",
        "soracom_9.8.7_linux_amd64",
        "soracom_9.8.7_linux_amd64.tar.gz",
        "soracom_9.8.7_linux_arm64",
        "soracom_9.8.7_linux_arm64.tar.gz",
        "soracom_9.8.7_windows_amd64.exe",
        "soracom_9.8.7_windows_amd64.zip",
      ]);
      // Every asset but SHA256SUMS and the manifests matches the glob the workflow publishes.
      const derived = ["SHA256SUMS", "soracom.json", "soracom.rb"];
      for (const n of names) assert.ok(derived.includes(n) || n.startsWith("soracom_9.8.7_"), n);
      const sums = parseChecksums(await Deno.readTextFile(`${built.dir}/SHA256SUMS`));
      assert.deepEqual([...sums.keys()], names.filter((n) => !derived.includes(n)));
      await assertManifests(built.dir, "9.8.7", sums);
      for (const [name, hash] of sums) {
        const data = await Deno.readFile(`${built.dir}/${name}`);
        assert.deepEqual(
          new Uint8Array(await crypto.subtle.digest("SHA-256", data)).toHex(),
          hash,
          name,
        );
      }
      if (hasTool("sha256sum")) {
        assert.equal(
          (await run("sha256sum", ["--check", "--quiet", "SHA256SUMS"], built.dir)).code,
          0,
        );
      }
      assert.equal(
        (await Deno.stat(`${built.dir}/soracom_9.8.7_linux_arm64`)).mode! & 0o777,
        0o755,
      );

      // Unpack each archive with the system's tools: one folder, the executable inside, mode 0755.
      const x = `${dir}/x`;
      await Deno.mkdir(x);
      for (const target of TARGETS) {
        const stem = archiveStem("9.8.7", target);
        const exe = target.os === "windows" ? "soracom.exe" : "soracom";
        const archive = `${built.dir}/${stem}${target.os === "linux" ? ".tar.gz" : ".zip"}`;
        if (target.os === "linux") {
          const list = await run("tar", ["-tzf", archive]);
          assert.equal(list.stdout, `${stem}/\n${stem}/${exe}\n`);
          assert.equal((await run("tar", ["-xzf", archive, "-C", x])).code, 0);
        } else if (hasTool("unzip")) {
          const test = await run("unzip", ["-t", archive]);
          assert.equal(test.code, 0, test.stdout);
          assert.equal((await run("unzip", ["-q", archive, "-d", x])).code, 0);
        } else {
          console.log(`skipped unpacking ${stem}.zip: no unzip on this machine`);
          continue;
        }
        const inner = `${x}/${stem}/${exe}`;
        assert.deepEqual(
          await Deno.readFile(inner),
          await Deno.readFile(
            `${built.dir}/soracom_9.8.7_${target.os}_${target.arch}${
              target.os === "windows" ? ".exe" : ""
            }`,
          ),
        );
        assert.equal((await Deno.stat(inner)).mode! & 0o777, 0o755, inner);
        assert.deepEqual([...Deno.readDirSync(`${x}/${stem}`)].map((e) => e.name), [exe]);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test("crc32 and shell quoting", () => {
  assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
  assert.equal(shellQuote("--allow-env=A,B"), "--allow-env=A,B");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});

/** Environment variable names the source reads (`ctx.env("X")`, `env("X")`, `Deno.env.get("X")`). */
/** The environment variables src names (each with a file that reads it), and the files using `Deno.env`. */
async function envUseInSource(): Promise<{ names: Map<string, string>; denoEnv: string[] }> {
  const names = new Map<string, string>();
  const denoEnv: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory) await walk(path);
      else if (e.name.endsWith(".ts")) {
        const text = await Deno.readTextFile(path);
        const file = path.slice(ROOT.length + 1);
        for (
          const m of text.matchAll(
            /\b(?:env|Deno\.env\.get)\(\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]\s*\)/g,
          )
        ) {
          names.set(m[1], file);
        }
        if (/Deno\.env\./.test(text)) denoEnv.push(file);
      }
    }
  };
  await walk(`${ROOT}/src`);
  return { names, denoEnv };
}

Deno.test("permissions: explicit, never --allow-all, and --allow-env names exactly what src reads", async () => {
  assert.ok(!PERMISSION_FLAGS.some((f) => f === "-A" || f.startsWith("--allow-all")));
  assert.ok(PERMISSION_FLAGS.includes("--allow-sys=uid"), "of the system, only the user ID");
  assert.deepEqual(PERMISSION_FLAGS.map((f) => f.split("=")[0]), [
    "--allow-net",
    "--allow-read",
    "--allow-write",
    "--allow-run",
    "--allow-sys",
    "--allow-env",
  ]);
  for (const p of PERMISSIONS) assert.ok(p.reason.length > 20, p.flag);
  const env = PERMISSION_FLAGS.find((f) => f.startsWith("--allow-env="))!;
  const granted = env.slice("--allow-env=".length).split(",");
  assert.deepEqual(new Set(granted).size, granted.length);
  // Upper case, but for the proxy variables, which are written in lower case as often.
  assert.ok(granted.every((n) => /^[A-Z_]+$/.test(n) || /^[a-z]+_proxy$/.test(n)), env);
  const { names: read, denoEnv } = await envUseInSource();
  const missing = [...read].filter(([name]) => !(name in ENV_VARIABLES));
  assert.equal(
    missing.length,
    0,
    "src reads these; add them to ENV_VARIABLES in src/permissions.ts and README.md",
  );
  const unused = Object.keys(ENV_VARIABLES).filter((name) => !read.has(name));
  assert.equal(unused.length, 0, "ENV_VARIABLES lists these but src never reads them");
  // Only the Context reads the process environment (any use of Deno.env, in any file).
  assert.deepEqual(denoEnv, ["src/system/real.ts"], "only src/system/real.ts may use Deno.env");
});

Deno.test("README's Permissions section names every flag and every environment variable", async () => {
  const readme = await Deno.readTextFile(`${ROOT}/README.md`);
  const section = readme.slice(readme.indexOf("## Permissions"));
  assert.ok(readme.includes("## Permissions") && readme.includes("## Releases / self-update"));
  for (const flag of PERMISSION_FLAGS) assert.ok(section.includes(`\`${flag.split("=")[0]}`));
  for (const name of Object.keys(ENV_VARIABLES)) {
    assert.ok(
      readme.includes(`\`${name}\``) ||
        (name.startsWith("SORACOM_") && section.includes("`SORACOM_*`")),
      name,
    );
  }
  for (const name of Object.keys(ENV_VARIABLES).filter((n) => n.startsWith("SORACOM_"))) {
    assert.ok(readme.includes(`| \`${name}\``), `${name} in the Environment variables table`);
  }
});

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

Deno.test(".github/workflows/release.yml: on a version tag, test, build, sign, attest; publish last", async () => {
  const doc = parse(await Deno.readTextFile(`${ROOT}/.github/workflows/release.yml`)) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>;
  };
  assert.deepEqual(Object.keys(doc.on), ["push"]);
  const push = doc.on.push as Record<string, string[]>;
  assert.deepEqual(Object.keys(push), ["tags"]);
  assert.ok(push.tags.length > 0 && push.tags.every((t) => t.startsWith("v")), String(push.tags));
  const steps = doc.jobs.build.steps;
  const index = (pred: (s: Step) => boolean, what: string) => {
    const i = steps.findIndex(pred);
    assert.ok(i >= 0, `no step ${what}`);
    return i;
  };
  const checkout = index((s) => s.uses?.startsWith("actions/checkout@") ?? false, "checkout");
  const deno = index((s) => /npm install -g deno@2\.9\.6/.test(s.run ?? ""), "installing Deno");
  const tag = index(
    (s) => /jq -r \.version deno\.json/.test(s.run ?? "") && /GITHUB_REF_NAME/.test(s.run ?? ""),
    "checking the tag",
  );
  const test = index((s) => /^deno task test\b/m.test(s.run ?? ""), "running the tests");
  const release = index((s) => /^deno task release\s*$/m.test(s.run ?? ""), "deno task release");
  const signed = index(
    (s) => /minisign -Vm SHA256SUMS/.test(s.run ?? ""),
    "checking the signature",
  );
  const attest = index(
    (s) => s.uses?.startsWith("actions/attest@") ?? false,
    "recording provenance",
  );
  const upload = index((s) => s.uses?.startsWith("actions/upload-artifact@") ?? false, "upload");
  assert.ok(checkout < deno && deno < tag && tag < test && test < release);
  assert.ok(release < signed && signed < attest && attest < upload);
  assert.equal(steps[release].env?.RELEASE_SIGNING_KEY, "${{ secrets.RELEASE_SIGNING_KEY }}");
  const publish = doc.jobs.publish.steps.find((s) => /gh release create/.test(s.run ?? ""))!;
  assert.match(publish.run!, /sha256sum --check SHA256SUMS/);
  assert.match(publish.run!, /soracom_"\$\{VERSION\}"_\*/);
  assert.equal(publish.env?.GH_TOKEN, "${{ github.token }}");
});

// ---- the real deno compile -----------------------------------------------------------------------

const HOST = TARGETS.find((t) => t.triple === Deno.build.target);
const compileSkip = !HOST
  ? `no release target for this host (${Deno.build.target})`
  : Deno.env.get("DENORT_BIN") || Deno.env.get("SORACOM_TEST_COMPILE") === "1"
  ? undefined
  : "deno compile needs its runtime: set DENORT_BIN to a denort binary, or SORACOM_TEST_COMPILE=1 to let it download one (this test suite talks to no other host by itself)";
if (compileSkip) console.log(`release_test: skipping the real deno compile: ${compileSkip}`);

Deno.test({
  name: "deno compile for this host: the executable runs with the release permissions",
  ignore: compileSkip !== undefined,
  async fn() {
    const dir = await tempDir();
    const api = await startTestEmulator();
    try {
      const r = await run(Deno.execPath(), [
        "run",
        "-A",
        "scripts/release.ts",
        "--target",
        HOST!.triple,
        "--out",
        `${dir}/out`,
      ]);
      assert.equal(r.code, 0, r.stderr);
      const exe = `${dir}/out/${VERSION}/soracom_${VERSION}_${HOST!.os}_${HOST!.arch}${
        HOST!.os === "windows" ? ".exe" : ""
      }`;
      const version = await run(exe, ["--version"], dir);
      assert.equal(version.stdout, `SORACOM API client v${VERSION}\n`);
      const op = await new Deno.Command(exe, {
        args: [
          "operator",
          "get",
          "--auth-key-id",
          authKey.authKeyId,
          "--auth-key",
          authKey.authKey,
          "--no-session-cache",
        ],
        env: { SORACOM_ENDPOINT: api.url, HOME: dir },
        clearEnv: true,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(op.code, 0, decoder.decode(op.stderr));
      assert.deepEqual(JSON.parse(decoder.decode(op.stdout)).operatorId, authKey.operatorId);
      // A compiled soracom replaces itself; pointed at nothing, it fails cleanly in one line.
      const update = await new Deno.Command(exe, {
        args: ["self-update", "--yes"],
        env: { SORACOM_RELEASES_URL: "http://127.0.0.1:1", HOME: dir },
        clearEnv: true,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(update.code, 6);
      assert.ok(decoder.decode(update.stderr).startsWith("Error: GET http://127.0.0.1:1/repos/"));
    } finally {
      await api.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

testWhere(
  ["/bin/sh", "posix-modes"],
  "with the signing key, SHA256SUMS gets a minisign signature self-update accepts",
  async () => {
    const dir = await tempDir();
    try {
      const key = await generateReleaseKey();
      const built = await buildRelease({
        root: ROOT,
        outDir: `${dir}/out`,
        version: "9.8.7",
        targets: TARGETS.slice(0, 1),
        compile: fakeCompile([]),
        signingKey: key.secretKey,
      });
      assert.deepEqual(built.names.slice(-2), ["SHA256SUMS", "SHA256SUMS.minisig"]);
      const signature = await Deno.readTextFile(`${built.dir}/SHA256SUMS.minisig`);
      assert.match(signature, /trusted comment: SHA256SUMS of soracom 9\.8\.7\n/);
      const sums = await Deno.readFile(`${built.dir}/SHA256SUMS`);
      assert.equal(await verifySignature(sums, signature, [key.publicKey]), "ok");
      assert.ok(!signature.includes(key.secretKey));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

/** The formula and the Scoop manifest install exactly what SHA256SUMS lists, from the release. */
async function assertManifests(dir: string, version: string, sums: Map<string, string>) {
  const base = `https://github.com/soracom-ts/soracom/releases/download/v${version}/`;
  const formula = await Deno.readTextFile(`${dir}/soracom.rb`);
  const pairs = [...formula.matchAll(/url "([^"]+)"\n\s+sha256 "([0-9a-f]{64})"/g)]
    .map((m) => [m[1].slice(base.length), m[2]]);
  assert.deepEqual(
    pairs.sort(),
    [...sums].filter(([n]) => /_(darwin|linux)_\w+\.(zip|tar\.gz)$/.test(n)).sort(),
  );
  for (const [name] of pairs) assert.ok(formula.includes(`${base}${name}`));
  assert.ok(formula.includes(`version "${version}"`));
  assert.match(formula, /bin\.install "soracom"/);
  assert.match(formula, /generate_completions_from_executable\(bin\/"soracom", "completion"\)/);
  // Each OS block holds one archive per architecture, for that OS.
  const macos = formula.slice(formula.indexOf("on_macos"), formula.indexOf("on_linux"));
  assert.deepEqual([...macos.matchAll(/_darwin_(\w+)\.zip/g)].map((m) => m[1]), ["arm64", "amd64"]);
  const linux = formula.slice(formula.indexOf("on_linux"), formula.indexOf("def install"));
  assert.deepEqual([...linux.matchAll(/_linux_(\w+)\.tar\.gz/g)].map((m) => m[1]), [
    "arm64",
    "amd64",
  ]);
  assert.deepEqual(
    [...formula.matchAll(/\bdo$|^class /gm)].length,
    [...formula.matchAll(/^\s*end$/gm)].length - 1,
  );

  const scoop = JSON.parse(await Deno.readTextFile(`${dir}/soracom.json`));
  const zip = `soracom_${version}_windows_amd64.zip`;
  assert.deepEqual(scoop.version, version);
  assert.equal(scoop.bin, "soracom.exe");
  assert.deepEqual(scoop.architecture["64bit"], {
    url: `${base}${zip}`,
    hash: sums.get(zip),
    extract_dir: `soracom_${version}_windows_amd64`,
  });
  assert.match(scoop.autoupdate.hash.url, /\/SHA256SUMS/);
}

Deno.test("manifests name the archives SHA256SUMS lacks: an error, not a formula without a hash", async () => {
  const { homebrewFormula, scoopManifest } = await import("../../scripts/manifests.ts");
  assert.throws(
    () => homebrewFormula("1.0.0", new Map()),
    (e) => e instanceof Error && e.message.includes("SHA256SUMS has no hash for"),
  );
  assert.throws(
    () => scoopManifest("1.0.0", new Map()),
    (e) => e instanceof Error && e.message.includes("soracom_1.0.0_windows_amd64.zip"),
  );
});
