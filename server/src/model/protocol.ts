// The model's protocol vocabulary (see SecurityGroupRule.protocol): both front ends normalise to it here.

/** '-1' for all traffic, names for TCP/UDP/ICMP/ICMPv6 (given by name or IANA number), else the text as is. */
export function protocolName(protocol: string): string {
  switch (protocol.toLowerCase()) {
    case '-1':
    case 'all':
      return '-1';
    case '6':
    case 'tcp':
      return 'tcp';
    case '17':
    case 'udp':
      return 'udp';
    case '1':
    case 'icmp':
      return 'icmp';
    case '58':
    case 'icmpv6':
      return 'icmpv6';
    default:
      return protocol.toLowerCase();
  }
}
