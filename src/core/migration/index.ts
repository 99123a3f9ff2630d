// Migration of prompt flows to Microsoft Agent Framework: the plan of a flow (what each node becomes
// and how ready that is) and the Python project generated from it. Used by the CLI and the extension.
export { planFlow, summarize, worst, type FlowPlan, type NodePlan, type Readiness, type Blocker, type PlanSummary } from './plan';
export { planJson, planMarkdown, type PlanJson } from './report';
export { flowFilesUnder } from './walk';
export { generateProject, AGENT_FRAMEWORK, type GeneratedProject, type GeneratedFile } from './generate';
export { writeProject, type WriteOutcome } from './write';
// The disk as the core reads it, for the extension's copy of this module (dist/migration.js).
export { nodeFileHost } from '../flow';
export { compareRuns, compareValues, textSimilarity, DEFAULT_PARITY, type ParityOptions, type ParityResult, type SideLine } from './parity';
export { parityJson, parityMarkdown, verdictText, type ParitySides } from './parityReport';
export { verifyParity, type VerifyOutcome, type VerifyPhase, type VerifyRequest, type VerifyRuns } from './verify';
export { DEFAULT_PYTHON, runWorkflow } from './workflowRun';
