// Plan insights: what `npm run plan` adds after the resource list. Pure functions of a recorded
// stack (tools/synth.ts), except renderDiagram, which runs Graphviz (WebAssembly) to draw it.

export { budgetCheck, budgetFromResult, estimateCost, formatCost } from "./cost";
export type { CostEstimate, CostItem, CostOptions, UnpricedItem } from "./cost";
export { createMinutes, estimateDeploy, formatDeploy } from "./deploy";
export type { DeployEstimate, DeployOptions } from "./deploy";
export { diagramDot, renderDiagram } from "./diagram";
export { comparePlans, summarizeByComponent } from "./compare";
export { formatRecovery, recoveryReport } from "./recovery";
export type { RecoveryReport, RecoveryRow } from "./recovery";
export { DEFAULT_USAGE, resolveUsage } from "./usage";
export type { UsageAssumptions } from "./usage";
