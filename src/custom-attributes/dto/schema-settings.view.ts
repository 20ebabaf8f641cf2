import { ApiProperty } from '@nestjs/swagger';
import { UnknownAttributePolicy } from '../../scim/resource';
import { CounterView } from '../../servers/server-counters.repository';
import { CustomAttribute } from '../custom-attribute';

/** GET/PUT …/admin/servers/:id/attributes: the declarations, the policy and what was ignored. */
export class SchemaSettingsView {
  @ApiProperty({
    enum: ['ignore', 'reject', 'store'],
    description: 'What SCIM writes do with attributes no schema defines',
  })
  unknownAttributes: UnknownAttributePolicy;

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Declared attributes, every characteristic spelled out',
  })
  attributes: CustomAttribute[];

  @ApiProperty({
    enum: ['none', 'building', 'ready'],
    description:
      'The lookup index of attributes marked `lookup`: none marked; building (resources being re-keyed, filters read without it); ready',
  })
  lookupIndex: 'none' | 'building' | 'ready';

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Attributes dropped as unknown: name (as sent), count, lastSeen',
  })
  ignoredAttributes: CounterView[];
}
