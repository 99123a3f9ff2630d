// Reading flow folders, flow files and requirements files: shared by the validator, the language
// server and the session service.
export { nodeFileHost } from './fileHost';
export {
  FLOW_FILE_NAMES,
  isInside,
  mergedRequirementsPath,
  readFlowFile,
  readFlowText,
  resolveFlowFolder,
  resolveInFlow,
  type FlowEnvironmentInfo,
  type FlowFileInfo,
} from './folder';
export { LineIndex } from './lineIndex';
export {
  normalizePackageName,
  parseRequirements,
  type RequirementLine,
  type RequirementLineKind,
  type RequirementOption,
} from './requirements';
