// --help texts for the CLI and its commands.

export const VERSION = '0.1.0';

type Option = readonly [flags: string, description: string];

const shared: readonly Option[] = [
  ['--config FILE', "settings as JSON (the editor's hyperplaneLens.* keys that decide results; unknown keys are reported)"],
  ['--region REGION', 'AWS Region when the code does not say (else region-dependent values are unknown)'],
  ['--var-file FILE', 'extra Terraform .tfvars file (repeatable), applied after *.auto.tfvars'],
  ['--sam-config-env ENV', 'environment of samconfig.toml beside SAM templates (default: default)'],
  ['--plan PLAN.json', 'Terraform plan or state JSON (terraform show -json); its values win'],
  ['-h, --help', 'this help'],
];

/** One option per line, every description starting in the same column (the longest flag + 2 spaces). */
function optionTable(options: readonly Option[]): string {
  const width = Math.max(...options.map(([flags]) => flags.length)) + 2;
  return options.map(([flags, description]) => `  ${flags.padEnd(width)}${description}\n`).join('');
}

const overview = `hyperplane-lens ${VERSION}: where your AWS Lambda functions really run, checked before you deploy.

Usage:
${optionTable([
  ['hyperplane-lens check [PATH…] [options]', 'analyse Terraform and CloudFormation/SAM'],
  ['hyperplane-lens explain FUNCTION [--to DEST] [PATH…]', "show a function's paths (to one destination with --to)"],
  ['hyperplane-lens diagram [PATH…] --out FILE', 'export the topology as .svg or .html'],
  ['hyperplane-lens --version', 'print the version'],
])}
Run 'hyperplane-lens COMMAND --help' for the options of a command.
Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage error or crash.
`;

const texts: Record<string, string> = {
  check: `Usage: hyperplane-lens check [PATH…] [options]

Analyses every Terraform root module and CloudFormation/SAM template under the paths (default: the
current directory) and reports findings. A .tf file named on its own is read with its folder (Terraform
reads a module as a folder); the report then keeps to the files named.

Options:
${optionTable([
  ['--format text|json|sarif', 'output format (default text); json is the schemaVersion 1 contract in README.md'],
  ['--output FILE', 'write the report to FILE instead of stdout'],
  ['--severity-threshold LEVEL', 'error|warning|information|hint|none: lowest severity that makes the exit code 1 (default error)'],
  ['--no-color', 'no colours in text output (also NO_COLOR)'],
  ...shared,
])}`,
  explain: `Usage: hyperplane-lens explain FUNCTION [--to DESTINATION] [PATH…] [options]

Prints the path of FUNCTION (a Terraform address or CloudFormation logical id) to DESTINATION, hop by
hop, with the blocking component and every change that would fix it. Without --to, every destination the
function needs (and the internet, S3 and DynamoDB).

DESTINATION is "internet", an AWS service by its endpoint name ("s3", "sqs", "secretsmanager"…), or a
target's address or logical id ("aws_db_instance.main", or its end "main" when only one address ends so).
It need not be one the function is known to need: the path is then shown all the same, marked as not
needed, and raises no finding. A name that matches nothing lists the names there are.

Options:
${optionTable([['--to DESTINATION', 'the destination: a key, a service name or a target'], ['--path PATH', 'a folder or file to read (repeatable), like the PATH arguments'], ...shared])}
Exit codes: 0 no destination shown is blocked, 1 one is blocked ("no"), 2 usage error or crash.
`,
  diagram: `Usage: hyperplane-lens diagram [PATH…] --out FILE [options]

Writes the topology (the Lambda service VPC, customer VPCs, AZs, subnets, Hyperplane ENIs, gateways,
endpoints, targets and regional services) as a static SVG (FILE ending in .svg) or a self-contained
interactive HTML page (FILE ending in .html). Ids and file links in it are relative to the working
directory, so the same workspace gives the same file from any checkout (it can be committed and diffed).

Options:
${optionTable([['--out FILE', 'topology.svg or topology.html'], ...shared])}`,
};

export function helpText(command: string | undefined): string {
  return (command && texts[command]) || overview;
}
