import { buildDataTier } from "./tests/kubernetes/dataHarness";
(async () => {
  const t = await buildDataTier(process.argv[2] ?? "development");
  for (const r of t.resources) console.log(r.type, r.name, r.protect ? "PROTECT" : "");
  console.log(JSON.stringify(t.outputs, null, 1));
  const c = t.resources.find(r => r.type.endsWith(":Cluster"));
  console.log(JSON.stringify(c?.inputs, null, 1).slice(0, 3000));
})().catch(e => { console.error(e); process.exit(1); });
