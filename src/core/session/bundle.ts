// Entry of dist/session.js: everything that talks to Azure, loaded by the extension on first use.
export * from './types';
