import { ValidateBy, ValidationOptions } from 'class-validator';
import { isIpRange } from '../ip-range';

/** Every element is an IPv4/IPv6 address or CIDR (see parseRange); the message names the first that is not. */
export function IsIpRangeList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIpRangeList',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every(isIpRange),
        defaultMessage: (args) => {
          const bad = Array.isArray(args?.value) ? args.value.find((entry) => !isIpRange(entry)) : args?.value;
          const shown = JSON.stringify(bad)?.slice(0, 100) ?? String(bad);
          return `${args?.property} must hold IPv4 or IPv6 addresses or CIDRs (such as 192.0.2.0/24); ${shown} is not one`;
        },
      },
    },
    options,
  );
}
