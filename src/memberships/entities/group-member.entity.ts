import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export type MemberType = 'User' | 'Group';

/** One membership edge; indexed both ways so that adding, removing or finding a member never scans. */
@Entity('scim_group_members')
@Index('IDX_scim_group_members_member', ['serverId', 'memberId'])
export class GroupMemberEntity {
  @PrimaryColumn('uuid', { name: 'group_id' })
  groupId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  /**
   * The group, named rather than imported (memberships sit below groups, which use them): only its
   * foreign key is wanted, nothing reads the relation.
   */
  @ManyToOne('GroupEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'FK_scim_group_members_group' })
  group?: object;

  @Column('uuid', { name: 'server_id' })
  serverId: string;

  @Column('varchar', { name: 'member_type', length: 5 })
  memberType: MemberType;

  /** The `display` the client sent, kept under `scim.memberDisplay: "as-sent"` only (else null: the member's own name is answered). */
  @Column('text', { nullable: true })
  display: string | null;
}
