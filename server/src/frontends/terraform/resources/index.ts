// The table of modelled Terraform resource types: type name → mapper.

import { filterMappers } from './filters';
import { lambdaMappers } from './lambda';
import type { Mapper } from './mapper';
import { networkMappers } from './network';
import { referencedOnlyTypes, targetMappers } from './targets';

export const resourceMappers: ReadonlyMap<string, Mapper> = new Map<string, Mapper>([...networkMappers, ...filterMappers, ...lambdaMappers, ...targetMappers]);

/** True when the type is modelled or deliberately read without an object of its own (aws_eip). */
export function isSupportedType(type: string): boolean {
  return resourceMappers.has(type) || referencedOnlyTypes.has(type);
}
