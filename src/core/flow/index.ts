// Reading flow folders, flow files and requirements files: shared by the validator, the language
// server and the session service.
export { nodeFileHost } from './fileHost';
export {
  DEFAULT_REQUIREMENTS_FILE,
  FLOW_FILE_NAMES,
  RUN_FILE_NAMES,
  detectKind,
  flowFileIn,
  isFlowFileName,
  isRequirementsFileName,
  isRunFileName,
  isValidatedFileName,
  type DocumentKind,
} from './files';
export {
  isInside,
  mergedRequirementsPath,
  readFlowFile,
  readFlowText,
  locateFlow,
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
