// The port a function connects to on an Amazon MSK cluster's brokers, from the cluster's client authentication
// and encryption in transit (P2): 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM (MSK developer guide,
// "Port information"). Both front ends read the settings; this decides the port.

import { isKnown, unknown, type Maybe } from '../model/origin';

export interface MskClientAccess {
  readonly iam: Maybe<boolean>;
  readonly scram: Maybe<boolean>;
  /** TLS client authentication (mutual TLS with certificate authorities). */
  readonly mutualTls: Maybe<boolean>;
  /** Unauthenticated access; undefined when not written (on when no other authentication is, as MSK does). */
  readonly unauthenticated: Maybe<boolean> | undefined;
  /** Encryption between clients and brokers: TLS (MSK's default), TLS_PLAINTEXT or PLAINTEXT. */
  readonly clientBroker: Maybe<string> | undefined;
}

/** One enabled listener decides; several leave the port open (which one the function uses is not in the code). */
export function mskClientPort(a: MskClientAccess): Maybe<number> {
  for (const v of [a.iam, a.scram, a.mutualTls, a.unauthenticated, a.clientBroker]) if (v !== undefined && !isKnown(v)) return v;
  const iam = a.iam === true;
  const scram = a.scram === true;
  const mutualTls = a.mutualTls === true;
  const open = a.unauthenticated === undefined ? !iam && !scram && !mutualTls : a.unauthenticated === true;
  const broker = (typeof a.clientBroker === 'string' ? a.clientBroker : 'TLS').toUpperCase();
  const tls = broker === 'TLS' || broker === 'TLS_PLAINTEXT';
  const plaintext = broker === 'PLAINTEXT' || broker === 'TLS_PLAINTEXT';
  const ports: number[] = [];
  if (plaintext && open) ports.push(9092);
  if (tls && (open || mutualTls)) ports.push(9094);
  if (scram) ports.push(9096);
  if (iam) ports.push(9098);
  const [only] = ports;
  if (ports.length === 1 && only !== undefined) return only;
  if (ports.length === 0) return unknown('no client access to the brokers is enabled');
  return unknown(`its brokers listen on ${ports.join(', ')} (one port per enabled client authentication): which one the function uses is not known`);
}
