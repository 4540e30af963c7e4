/** Groups: created, listed, changed and deleted, and each operator sees only its own. */
import assert from "node:assert/strict";
import { GROUP_HANDLERS, groupView } from "../../src/emulator/groups.ts";
import { jsonText } from "../../src/emulator/json_out.ts";
import { answerOf, testWorld } from "../helpers/emulator_call.ts";

Deno.test("a group is created with its tags and configuration, then found, changed and deleted", async () => {
  const world = testWorld();
  const made = await answerOf(GROUP_HANDLERS, world, "POST", "/groups", {
    body: '{"tags":{"name":"g1"},"configuration":{"SoracomAir":{"useCustomDns":true}}}',
  });
  assert.equal(made.status, 201);
  const group = made.json as { groupId: string; tags: unknown; configuration: unknown };
  assert.deepEqual(group.tags, { name: "g1" });
  assert.deepEqual(group.configuration, { SoracomAir: { useCustomDns: true } });
  const path = `/groups/${group.groupId}`;
  assert.deepEqual((await answerOf(GROUP_HANDLERS, world, "GET", path)).json, group);
  const put = await answerOf(GROUP_HANDLERS, world, "PUT", `${path}/configuration/SoracomAir`, {
    body: '[{"key":"metadata","value":{"enabled":true}}]',
  });
  assert.deepEqual((put.json as { configuration: unknown }).configuration, {
    SoracomAir: { useCustomDns: true, metadata: { enabled: true } },
  });
  assert.equal((await answerOf(GROUP_HANDLERS, world, "DELETE", path)).status, 204);
  assert.equal((await answerOf(GROUP_HANDLERS, world, "GET", path)).status, 404);
});

Deno.test("listGroups lists the operator's groups; another operator's group is not found", async () => {
  const world = testWorld();
  const listed = await answerOf(GROUP_HANDLERS, world, "GET", "/groups");
  assert.deepEqual((listed.json as { tags: unknown }[]).map((g) => g.tags), [{ name: "sensors" }]);
  world.data.groups.push({
    ...world.data.groups[0],
    groupId: "theirs",
    operatorId: "OP9999999999",
  });
  assert.equal((await answerOf(GROUP_HANDLERS, world, "GET", "/groups/theirs")).status, 404);
  assert.deepEqual(
    JSON.parse(jsonText(groupView(world.data.groups[0]))),
    (listed.json as unknown[])[0],
  );
});
