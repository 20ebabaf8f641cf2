import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../common/password-hash';
import { InjectConfig, AppConfig } from '../config/config.module';
import { ScimError } from '../scim/errors/scim-error';
import { Page } from '../scim/messages/list-response';
import { PageRequest } from '../scim-http/paging';
import { mapUser, ScimUser } from './mappers/user.mapper';
import { parseUserInput } from './user-input';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async create(serverId: string, body: unknown): Promise<ScimUser> {
    const input = parseUserInput(body);
    const now = new Date();
    const user = {
      id: randomUUID(),
      serverId,
      userName: input.userName,
      externalId: input.externalId,
      displayName: input.displayName,
      active: input.active,
      passwordHash: input.password === null ? null : await hashPassword(input.password),
      version: 1,
      data: input.data,
      createdAt: now,
      updatedAt: now,
    };
    await this.users.insert(serverId, user);
    return mapUser(user, this.config.publicUrl);
  }

  async get(serverId: string, id: string): Promise<ScimUser> {
    const user = await this.users.findById(serverId, id);
    if (!user) throw notFound(id);
    return mapUser(user, this.config.publicUrl);
  }

  async list(serverId: string, paging: PageRequest): Promise<Page<ScimUser>> {
    const { rows, total } = await this.users.page(serverId, paging.startIndex - 1, paging.count);
    return {
      resources: rows.map((u) => mapUser(u, this.config.publicUrl)),
      totalResults: total,
      startIndex: paging.startIndex,
      itemsPerPage: rows.length,
    };
  }

  async delete(serverId: string, id: string): Promise<void> {
    const deleted = await this.dataSource.transaction((em) => this.users.delete(serverId, id, em));
    if (!deleted) throw notFound(id);
  }
}

function notFound(id: string): ScimError {
  return ScimError.notFound(`User ${id} not found`);
}
