// Language server entry (dist/server.js). The transport comes from the command line:
// `--stdio` or `--node-ipc` (the language client passes one of them).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './guard';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Last line of defence: a bug in a timer or callback outside a handler is logged, not fatal.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${describeError(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${describeError(e)}`));

startServer(connection);
