import { ApiProperty } from '@nestjs/swagger';
import { CounterView } from '../../servers/server-counters.repository';
import { RoleRule } from '../role-mapping-settings';

/** GET/PUT …/admin/servers/:id/role-mapping. */
export class RoleMappingView {
  @ApiProperty({ type: [String], description: 'Roles, most privileged first; empty: role mapping off' })
  roles: string[];

  @ApiProperty({ type: String, nullable: true, description: 'The role of users no rule matches' })
  defaultRole: string | null;

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'attribute, entraRole and group rules' })
  rules: RoleRule[];

  @ApiProperty({ description: "A PATCH add of the whole roles attribute replaces it (Entra's add-only role updates)" })
  entraRolesAddReplaces: boolean;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Users per effective role' })
  roleCounts: Record<string, number>;

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Source values no rule maps: name (attribute=value), count, lastSeen',
  })
  unmatchedValues: CounterView[];
}
