// Labels for the VPC and function pickers: an address alone is ambiguous when several root modules or stacks
// declare the same one (`aws_vpc.main` in every environment folder), so those say where they are declared.

import type { DiagramNode } from '../../server/src/protocol/diagram';

export interface PickerOption {
  readonly id: string;
  readonly label: string;
}

/** The folder a node is declared in (`environments/prod` → `prod`), from its location's URI. */
function folderOf(node: DiagramNode | undefined): string | undefined {
  const uri = node?.location?.uri;
  if (uri === undefined) return undefined;
  const parts = uri.split('/');
  return parts.length >= 2 ? decodeURIComponent(parts[parts.length - 2] ?? '') : undefined;
}

/**
 * The options with the labels several share made distinct: "aws_vpc.main — prod", then the node's detail (a
 * VPC's CIDR) when the folder does not tell them apart either. Unique labels are left as they are.
 */
export function pickerOptions(options: readonly PickerOption[], nodes: readonly DiagramNode[]): PickerOption[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const count = (labels: readonly string[]): Map<string, number> => {
    const n = new Map<string, number>();
    for (const l of labels) n.set(l, (n.get(l) ?? 0) + 1);
    return n;
  };
  const shared = count(options.map((o) => o.label));
  const withFolder = options.map((o) => {
    if ((shared.get(o.label) ?? 0) < 2) return o.label;
    const folder = folderOf(byId.get(o.id));
    return folder ? `${o.label} — ${folder}` : o.label;
  });
  const still = count(withFolder);
  return options.map((o, i) => {
    const label = withFolder[i] ?? o.label;
    const detail = byId.get(o.id)?.detail;
    return (still.get(label) ?? 0) > 1 && detail ? { id: o.id, label: `${label} (${detail})` } : { id: o.id, label };
  });
}
