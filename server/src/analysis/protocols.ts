// Protocol and port matching shared by security groups and network ACLs: '-1' means every protocol and port;
// TCP may be written 'tcp' or '6'. The engine only asks about TCP connections.

import { isKnown, type Maybe } from '../model/origin';
import type { Coverage } from './addressing';

export function isAllProtocols(protocol: string): boolean {
  return protocol === '-1' || protocol.toLowerCase() === 'all';
}

export function isTcp(protocol: string): boolean {
  return protocol.toLowerCase() === 'tcp' || protocol === '6';
}

/** Whether a rule's protocol and port range admit TCP to `port` (null: unknown port, only full ranges decide). */
export function protocolCoverage(protocol: Maybe<string>, fromPort: Maybe<number>, toPort: Maybe<number>, port: number | null): Coverage {
  if (!isKnown(protocol)) return 'unknown';
  if (isAllProtocols(protocol)) return 'all';
  if (!isTcp(protocol)) return 'none';
  if (!isKnown(fromPort) || !isKnown(toPort)) return 'unknown';
  if (port === null) return fromPort <= 0 && toPort >= 65535 ? 'all' : 'unknown';
  return fromPort <= port && port <= toPort ? 'all' : 'none';
}
