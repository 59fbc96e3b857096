// The `tcpflow` command line (cli.md): check, run, export, import, lsp. Exit 0 = no error diagnostic,
// 1 = at least one, 2 = the command itself was misused (one line on stderr).
import { readFileSync } from 'node:fs';
import { runScript } from '../runner/index';
import type { RunResult } from '../runner/trace';
import { diagnosticLine, toCliJson } from './json';
import { ladder } from './ladder';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';

const USAGE = `usage:
  tcpflow check FILE...            parse + run; print diagnostics; exit 1 if any error
  tcpflow run FILE [--json]        run; print the trace as a ladder, or JSON
  tcpflow export FILE --pcap OUT.pcapng [--keylog OUT.keys] [--format pcap|pcapng]
  tcpflow import CAPTURE.pcap[ng]|SCRIPT.pkt [-o OUT.tcpflow] [--connection N]
  tcpflow lsp --stdio              start the language server for any editor
options: --lang en|zh-cn (messages; default from LANG)`;

class UsageError extends Error {}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const zh = takeLang(rest);
  switch (command) {
    case 'check':
      return check(rest, zh);
    case 'run':
      return run(rest, zh);
    case 'export':
      return exportCommand(rest, readScript, runScript);
    case 'import':
      return importCommand(rest, zh);
    case 'lsp':
      startLsp();
      return -1; // keeps running
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    case '--version':
      process.stdout.write(`${version()}\n`);
      return 0;
    default:
      throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  }
}

function takeLang(args: string[]): boolean {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  let lang = process.env['LANG'] ?? '';
  if (i >= 0) {
    const a = args[i]!;
    if (a.includes('=')) {
      lang = a.slice('--lang='.length);
      args.splice(i, 1);
    } else {
      lang = args[i + 1] ?? '';
      args.splice(i, 2);
    }
  }
  return /^zh/i.test(lang);
}

function check(args: string[], zh: boolean): number {
  const files = args.filter((a) => !a.startsWith('-'));
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option '${unknown}'`);
  if (files.length === 0) throw new UsageError('check needs at least one FILE');
  let errors = 0;
  for (const file of files) {
    const result = runScript(readScript(file), { fileName: file });
    for (const d of result.diagnostics) {
      process.stdout.write(diagnosticLine(file, d, zh) + '\n');
      if (d.severity === 'error') errors++;
    }
  }
  return errors > 0 ? 1 : 0;
}

function run(args: string[], zh: boolean): number {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option '${unknown}'`);
  const [file, extra] = rest;
  if (!file) throw new UsageError('run needs a FILE');
  if (extra) throw new UsageError(`run takes one FILE, got '${extra}' too`);
  const result: RunResult = runScript(readScript(file), { fileName: file });
  if (json) process.stdout.write(JSON.stringify(toCliJson(file, result), null, 2) + '\n');
  else {
    process.stdout.write(ladder(result) + '\n');
    for (const d of result.diagnostics) process.stdout.write(diagnosticLine(file, d, zh) + '\n');
  }
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function readScript(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function startLsp(): void {
  // Loaded lazily so that check/run do not pay for the language server.
  // createConnection reads --stdio / --node-ipc / --socket from process.argv, as every LSP server does.
  const lsp = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  const { startServer } = require('../server/start') as typeof import('../server/start');
  startServer(lsp.createConnection(lsp.ProposedFeatures.all));
}

function version(): string {
  return '0.1.0';
}

try {
  const code = main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`tcpflow: ${e.message}\n`);
    process.exitCode = 2;
  } else throw e;
}
