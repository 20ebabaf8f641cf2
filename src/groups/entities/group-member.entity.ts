import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GroupEntity } from './group.entity';

export type MemberType = 'User' | 'Group';

/** One membership edge; indexed both ways so that adding, removing or finding a member never scans. */
@Entity('scim_group_members')
@Index('IDX_scim_group_members_member', ['serverId', 'memberId'])
export class GroupMemberEntity {
  @PrimaryColumn('uuid', { name: 'group_id' })
  groupId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'FK_scim_group_members_group' })
  group?: GroupEntity;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @Column('varchar', { name: 'member_type', length: 5 })
  memberType: MemberType;

  /** The `display` the client sent, kept under `scim.memberDisplay: "as-sent"` only (else null: the member's own name is answered). */
  @Column('text', { nullable: true })
  display: string | null;
}
