// A subnet's Availability Zone in hover words. A zone AWS picks from the Region's list (Fn::Select of
// Fn::GetAZs, an element of data.aws_availability_zones) is counted from 1, as the topology panel and the
// diagram count it: index 0 is "AZ 1 of the Region", never "#0".

import { azPickOf, azPickWords } from '../../analysis/availabilityZones';
import { isUnknown, type Maybe } from '../../model/origin';

export function availabilityZoneText(az: Maybe<string>): string {
  if (!isUnknown(az)) return az;
  if (az.symbol === undefined) return 'AZ unknown';
  const pick = azPickOf(az);
  if (pick === undefined) return az.reason;
  const base = azPickWords({ list: pick.list, index: pick.index, wraps: false });
  // element() counts round the list (index mod length): a Region with fewer zones gives an earlier one.
  const round = pick.wraps ? `; counting round when the Region has fewer than ${pick.index + 1}` : '';
  if (pick.list.startsWith('azs:')) return `${base} (chosen by AWS${round})`;
  // data.aws_availability_zones: name the data source, which is where a user looks for the list.
  const source = pick.list.slice('az-list:'.length);
  const list = source.endsWith('.zone_ids') ? source : `${source}.names`;
  return `${base} (\`${list}[${pick.index}]\`, chosen by AWS${round})`;
}
