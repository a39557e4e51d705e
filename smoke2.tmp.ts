import { build, WEB_SERVICE, WORKER_SERVICE } from "./tests/helpers/stacks";
(async () => {
  const r = await build("k-dev", { cloud: "kubernetes", tier: process.argv[2] ?? "development", services: [WEB_SERVICE, WORKER_SERVICE] });
  for (const x of r.resources) console.log(x.type, x.name, x.protect ? "PROTECT" : "");
  console.log(JSON.stringify(r.outputs, null, 1).slice(0, 2000));
})().catch(e => { console.error(e); process.exit(1); });
