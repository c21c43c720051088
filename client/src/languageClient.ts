// Creates the LSP client for the bundled language server (dist/server.js, over IPC): which documents it
// sees, which settings and file events it is sent, and how it recovers when the server process dies.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { RestartPolicy } from './restartPolicy';

export const clientId = 'hyperplaneLens';
export const clientName = 'Hyperplane Lens';

/** Terraform (also unsaved), var files, JSON Terraform, every YAML/JSON/.template/.cform file that may be a CloudFormation template, and samconfig.toml. */
export const documentSelector: { scheme: string; language?: string; pattern?: string }[] = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'untitled', language: 'terraform' },
  { scheme: 'file', pattern: '**/*.tfvars' },
  { scheme: 'file', pattern: '**/*.tf.json' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', pattern: '**/*.template' },
  { scheme: 'file', pattern: '**/*.cform' },
  // SAM CLI configuration: its parameter_overrides and region feed the template beside it.
  { scheme: 'file', pattern: '**/samconfig.toml' },
];

export interface CreatedClient {
  readonly client: LanguageClient;
  readonly restartPolicy: RestartPolicy;
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): CreatedClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // Source maps make server stack traces readable while developing (F5).
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--enable-source-maps', '--inspect=6011'] } },
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars,tf.json,yaml,yml,json,template,cform,tpl,tftpl,tmpl,toml}'),
    // `terraform init` installs modules under .terraform/modules and writes the manifest that maps module calls
    // to them. On Linux the editor's recursive watcher starts watching a new folder only after it has seen it,
    // so files terraform writes straight into folders it has just created go unreported. The server therefore
    // takes any event on a `.terraform` folder, under it, or on the lock file `terraform init` writes next to it
    // as a cue to re-read that root module's manifest and module folders itself (once per burst).
    vscode.workspace.createFileSystemWatcher('**/.terraform'),
    vscode.workspace.createFileSystemWatcher('**/.terraform/**'),
    vscode.workspace.createFileSystemWatcher('**/.terraform.lock.hcl'),
    // Folders created or deleted as a whole (a checkout, a move, `rm -r`): the same watcher reports the folder
    // but not the files inside it, so the server walks a new folder and drops what it held under a gone one.
    // Creations and deletions only: changes of files we do not read are of no interest.
    vscode.workspace.createFileSystemWatcher('**/*', false, true, false),
  ];
  context.subscriptions.push(...watchers);
  const restartPolicy = new RestartPolicy(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { configurationSection: clientId, fileEvents: watchers },
    outputChannel: output,
    // Traces (hyperplaneLens.trace.server) go to the same channel, next to the server's own log lines.
    traceOutputChannel: output,
    errorHandler: restartPolicy,
  };
  const client = new LanguageClient(clientId, clientName, serverOptions, clientOptions);
  return { client, restartPolicy };
}
