// The language server bundle's entry point (dist/server.js), started by the extension over IPC.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './start';

startServer(createConnection(ProposedFeatures.all));
