// Every command the extension contributes, by id: the one home of these strings. The registrations,
// menus built in code, the language server's codelenses and the tests use these names; a test checks
// that package.json contributes exactly this set.
export const Commands = {
  // Session actions (their names are the SessionAction names of core/session/actions.ts).
  start: 'promptflow.session.start',
  startWithSettings: 'promptflow.session.startWithSettings',
  installRequirements: 'promptflow.session.installRequirements',
  showPackages: 'promptflow.session.showPackages',
  changeSettings: 'promptflow.session.changeSettings',
  changeBaseImage: 'promptflow.session.changeBaseImage',
  reset: 'promptflow.session.reset',
  stop: 'promptflow.session.stop',
  // The rest.
  sessionActions: 'promptflow.session.actions',
  migrate: 'promptflow.session.migrate',
  saveAndInstall: 'promptflow.requirements.saveAndInstall',
  saveOnly: 'promptflow.requirements.saveOnly',
  submitRun: 'promptflow.run.submit',
  showRunLogs: 'promptflow.run.showLogs',
  showRunOutputs: 'promptflow.run.showOutputs',
  deleteInstance: 'promptflow.instance.delete',
  preflight: 'promptflow.preflight',
  attachIdentity: 'promptflow.attachIdentity',
  openInStudio: 'promptflow.openInStudio',
  signIn: 'promptflow.signIn',
  selectWorkspace: 'promptflow.selectWorkspace',
  useEmulator: 'promptflow.useEmulator',
  refresh: 'promptflow.refresh',
  refreshWorkspaceData: 'promptflow.refreshWorkspaceData',
  showLog: 'promptflow.showLog',
  openFlow: 'promptflow.flow.open',
  planMigration: 'promptflow.migration.plan',
  generateWorkflow: 'promptflow.migration.generate',
  copyReport: 'promptflow.report.copyMarkdown',
  openReportAsText: 'promptflow.report.openAsText',
  verifyParity: 'promptflow.migration.verify',
} as const;

export type CommandName = keyof typeof Commands;
export type CommandId = (typeof Commands)[CommandName];
