// Which files Hyperplane Lens reads, decided by name only (content checks come later: a YAML or JSON file
// is a CloudFormation template only if its content says so).

import { TEMPLATE_EXTENSIONS } from '../frontends/cloudformation/templateFiles';
import { SAM_CONFIG_NAMES } from '../frontends/cloudformation/samConfig';

export type FileKind = 'terraform' | 'terraform-json' | 'tfvars' | 'tfvars-json' | 'modules-manifest' | 'data' | 'template-text' | 'sam-config';

/**
 * Text templates a Terraform configuration reads with templatefile() or file() (`policy.json.tpl`,
 * `user_data.tftpl`): never parsed on their own, only read as text by the Terraform unit whose folders hold
 * them or whose calls name them (workspace/units.ts). `.tftpl` is Terraform's documented extension; `.tpl`
 * and `.tmpl` are the usual community ones.
 */
const TEMPLATE_TEXT_EXTENSIONS: readonly string[] = ['.tftpl', '.tpl', '.tmpl'];

/** Files larger than this are skipped with one information diagnostic (bad-input rule of the foundation). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Terraform plan and state JSON (`terraform show -json`) run to tens of MB for a large configuration; a
 * .json file whose first key is `format_version` may be this large.
 */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/** Whether the first bytes of a .json file are those of `terraform show -json` output. */
export function startsLikePlan(head: string): boolean {
  return /^\uFEFF?\s*\{\s*"format_version"\s*:/.test(head);
}

export function fileKind(path: string): FileKind | undefined {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1).toLowerCase();
  if (name.endsWith('.tf')) return 'terraform';
  if (name.endsWith('.tf.json')) return 'terraform-json';
  if (name.endsWith('.tfvars')) return 'tfvars';
  if (name.endsWith('.tfvars.json')) return 'tfvars-json';
  if (name === 'modules.json' && path.endsWith('/.terraform/modules/modules.json')) return 'modules-manifest';
  // SAM CLI configuration (samconfig.toml, .yaml, .yml, .json): read by the CloudFormation unit of the
  // templates beside it, never a template itself.
  if (name.startsWith('samconfig.') && SAM_CONFIG_NAMES.includes(name)) return 'sam-config';
  for (const ext of TEMPLATE_EXTENSIONS) if (name.endsWith(ext)) return 'data';
  for (const ext of TEMPLATE_TEXT_EXTENSIONS) if (name.endsWith(ext)) return 'template-text';
  return undefined;
}

export function isHclKind(kind: FileKind): boolean {
  return kind === 'terraform' || kind === 'terraform-json' || kind === 'tfvars' || kind === 'tfvars-json';
}

/** Folders never worth walking: dependencies, VCS data, build output. `.terraform` is read only through its manifest. */
export function isIgnoredFolder(name: string): boolean {
  return name === 'node_modules' || name === '.git' || name === '.hg' || name === '.svn' || name === '.venv' || name === '__pycache__' || name === '.editor-cache' || name === '.vscode-test' || name === '.aws-sam';
}

/**
 * Whether the workspace walk reaches `path`: inside one of `workspaceRoots` (or the root itself), with no folder
 * it skips (node_modules, .git, …) between the root and the path. Folders above the root do not count.
 */
export function isWalkedPath(path: string, workspaceRoots: readonly string[]): boolean {
  for (const raw of workspaceRoots) {
    const root = raw.length > 1 && raw.endsWith('/') ? raw.slice(0, -1) : raw;
    const inside = path === root || (path.startsWith(root) && (root === '/' || path.charCodeAt(root.length) === 47));
    if (!inside) continue;
    return !path.slice(root.length).split('/').some((segment) => segment !== '' && isIgnoredFolder(segment));
  }
  return false;
}
