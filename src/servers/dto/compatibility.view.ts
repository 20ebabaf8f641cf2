import { ApiProperty } from '@nestjs/swagger';
import { NORMALISATION_KINDS } from '../../scim/compat/leniency';

export class CompatibilityCounterView {
  @ApiProperty({ enum: NORMALISATION_KINDS, description: 'The normalisation kind (docs/compatibility.md)' })
  name: string;

  @ApiProperty({ description: 'Requests that triggered it' })
  count: number;

  @ApiProperty({ format: 'date-time' })
  lastSeen: string;
}

export class CompatibilityView {
  @ApiProperty({ description: 'The server refuses the dialect departures (scim.strict)' })
  strict: boolean;

  @ApiProperty({
    type: [CompatibilityCounterView],
    description: 'Departures accepted and normalised, most frequent first',
  })
  normalised: CompatibilityCounterView[];

  @ApiProperty({
    type: [CompatibilityCounterView],
    description: 'Departures refused while the server was strict, most frequent first',
  })
  refused: CompatibilityCounterView[];
}
