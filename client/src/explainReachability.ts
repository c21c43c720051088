// "Explain Reachability of Function…": pick a function, then a destination, and show the server's
// explanation (Markdown) in a Markdown preview.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExplainRequest, ListFunctionsRequest, type FunctionSummary } from '../../server/src/protocol/requests';
import type { ExplainDocuments } from './explainDocuments';

type ReachStatus = FunctionSummary['reach'][string];

interface FunctionItem extends vscode.QuickPickItem {
  readonly fn: FunctionSummary;
}

interface DestinationItem extends vscode.QuickPickItem {
  /** Absent: every destination. */
  readonly destination: string | undefined;
  /** The item that asks for a destination by name (one the function is not known to need). */
  readonly other?: true;
}

/**
 * Runs the whole flow. Both arguments are optional so that other features (code lenses, tests) can skip
 * the pickers. Returns the Markdown document shown, or undefined when the user cancelled.
 */
export async function explainReachability(client: LanguageClient, documents: ExplainDocuments, functionId?: string, destination?: string): Promise<vscode.TextDocument | undefined> {
  let id = functionId;
  let name = functionId;
  let dest = destination;
  if (id === undefined) {
    const functions = await client.sendRequest<ListFunctionsRequest.Result>(ListFunctionsRequest.method, {} satisfies ListFunctionsRequest.Params);
    if (functions.length === 0) {
      void vscode.window.showInformationMessage('Hyperplane Lens found no Lambda functions in this workspace.');
      return undefined;
    }
    const fn = await pickFunction(functions);
    if (fn === undefined) return undefined;
    id = fn.id;
    name = fn.address;
    if (dest === undefined) {
      const picked = await pickDestination(fn);
      if (picked === undefined) return undefined;
      dest = picked.other === true ? await askDestination(fn) : picked.destination;
      if (picked.other === true && dest === undefined) return undefined;
    }
  }
  const params: ExplainRequest.Params = dest === undefined ? { functionId: id } : { functionId: id, destination: dest };
  const result = await client.sendRequest<ExplainRequest.Result>(ExplainRequest.method, params);
  const uri = documents.put(dest === undefined ? `${name ?? id}` : `${name ?? id} → ${destinationName(dest)}`, result.markdown);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return document;
}

async function pickFunction(functions: readonly FunctionSummary[]): Promise<FunctionSummary | undefined> {
  // Functions of the file being edited come first: that is usually the one the user asks about.
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const items: FunctionItem[] = [...functions]
    .sort((a, b) => Number(b.uri === active) - Number(a.uri === active) || a.address.localeCompare(b.address))
    .map((fn) => ({
      label: `$(symbol-function) ${fn.address}`,
      description: fn.vpcAttached ? 'in a VPC' : 'not in a VPC',
      detail: vscode.workspace.asRelativePath(vscode.Uri.parse(fn.uri)),
      fn,
    }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Explain Reachability', placeHolder: 'Lambda function', matchOnDetail: true });
  return picked?.fn;
}

async function pickDestination(fn: FunctionSummary): Promise<DestinationItem | undefined> {
  const items: DestinationItem[] = [
    { label: '$(list-flat) All destinations', destination: undefined },
    ...Object.entries(fn.reach).map(([key, status]) => ({
      label: `${statusIcon(status)} ${destinationName(key)}`,
      description: statusText(status),
      destination: key,
    })),
    { label: '$(search) Another destination…', description: 'a target or AWS service this function is not known to need', destination: undefined, other: true },
  ];
  return vscode.window.showQuickPick(items, { title: `Explain Reachability: ${fn.address}`, placeHolder: 'Destination' });
}

/** Any destination by name: the server analyses it on demand and lists the names there are when none matches. */
async function askDestination(fn: FunctionSummary): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title: `Explain Reachability: ${fn.address}`,
    prompt: 'A target\'s address or logical id (or the end of it), or an AWS service by its endpoint name',
    placeHolder: 'aws_db_instance.main, Database, sqs, secretsmanager…',
    validateInput: (value) => (value.trim() === '' ? 'Name a destination' : undefined),
  });
  const trimmed = name?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function statusIcon(status: ReachStatus): string {
  switch (status) {
    case 'yes':
      return '$(pass-filled)';
    case 'no':
      return '$(circle-slash)';
    case 'partial':
      return '$(warning)';
    case 'unknown':
      return '$(question)';
  }
}

function statusText(status: ReachStatus): string {
  switch (status) {
    case 'yes':
      return 'reachable';
    case 'no':
      return 'not reachable';
    case 'partial':
      return 'reachable from some subnets only';
    case 'unknown':
      return 'cannot tell from the code';
  }
}

const wellKnownDestinations: Readonly<Record<string, string>> = {
  internet: 'Internet',
  s3: 'Amazon S3',
  dynamodb: 'Amazon DynamoDB',
};

function destinationName(key: string): string {
  return wellKnownDestinations[key] ?? key;
}
