// Entry of dist/flowtext.js: the YAML parser and the flow-file readers, two thirds of what the extension
// would otherwise load at activation. Required on first use (a flow's environment is read, an image is
// set), never during activate().
export { nodeFileHost } from '../core/flow/fileHost';
export { readFlowText, resolveInFlow } from '../core/flow/folder';
export { imageTextEdit } from '../core/flow/imageEdit';
export { parseRequirements, pinsBaseImagePackage } from '../core/flow/requirements';
