import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { storedAccessSettings } from '../access/access-settings';
import { InjectConfig, AppConfig } from '../config/config.module';
import { AuditTrail } from '../audit-log/audit-trail/audit-trail.service';
import { CredentialsRepository } from './credentials.repository';
import { randomSecret, sha256Hex } from '../common/crypto';
import { CredentialsService, oauthEndpoints } from './credentials.service';
import { CreateServerDto, DEFAULT_LOG_RETENTION_DAYS } from './dto/create-server.dto';
import { DEFAULT_USERNAME, SecurityDto } from './dto/security.dto';
import { PASSWORD_METHODS } from './security-method';
import { CreatedServerView, CredentialView, IssuedCredentialView, ServerView } from './dto/server.view';
import { UpdateServerDto } from './dto/update-server.dto';
import { IdentityServerEntity } from './entities/identity-server.entity';
import { mapCredential, mapServer } from './mappers/server.mapper';
import { ServerDirectory } from './server-directory';
import { ServersRepository } from './servers.repository';

/** The administration of identity servers and their credentials; every multi-step write is one transaction. */
@Injectable()
export class ServersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly servers: ServersRepository,
    private readonly credentialsRepo: CredentialsRepository,
    private readonly credentials: CredentialsService,
    private readonly directory: ServerDirectory,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditTrail,
  ) {}

  async create(dto: CreateServerDto): Promise<CreatedServerView> {
    const security = dto.security ?? { method: 'bearer' };
    const now = new Date();
    const server: IdentityServerEntity = {
      id: randomUUID(),
      name: dto.name.trim(),
      active: dto.active ?? true,
      isDefault: dto.isDefault ?? false,
      logRequests: dto.logRequests ?? false,
      logRetentionDays: dto.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
      securityMethod: security.method,
      securitySettings: settingsOf(security),
      scimSettings: definedOnly(dto.scim ?? {}),
      accessSettings: storedAccessSettings(dto.access ?? {}),
      schemaSettings: {},
      roleMapping: {},
      lookupVersion: 0,
      lookupReadyVersion: 0,
      lookupChangedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    return this.dataSource.transaction(async (em) => {
      if (server.isDefault) await this.servers.clearDefault(server.id, em);
      await this.servers.insert(server, em);
      const credentials = await this.credentials.issue(server, em, security.password);
      await this.directory.changed(server.id, em);
      await this.audit.record(em, {
        action: 'server.created',
        serverId: server.id,
        targetId: credentials?.id,
        after: mapServer(server, this.config.publicUrl),
      });
      return { ...mapServer(server, this.config.publicUrl), credentials };
    });
  }

  async list(): Promise<ServerView[]> {
    const servers = await this.servers.list();
    return servers.map((s) => mapServer(s, this.config.publicUrl));
  }

  async get(serverId: string): Promise<ServerView> {
    return mapServer(await this.require(serverId), this.config.publicUrl);
  }

  /**
   * Applies the changes; a new security method revokes every credential of the old one and, when the
   * new method has credentials, issues the first one (returned once, in `credentials`).
   */
  async update(serverId: string, dto: UpdateServerDto): Promise<CreatedServerView> {
    return this.dataSource.transaction(async (em) => {
      const server = await this.require(serverId, em);
      const before = mapServer({ ...server }, this.config.publicUrl);
      const methodChanged = dto.security !== undefined && dto.security.method !== server.securityMethod;
      // A new username or password of a basic/digest server replaces its credentials as a new method does.
      const newPassword =
        dto.security !== undefined &&
        PASSWORD_METHODS.includes(dto.security.method) &&
        (dto.security.password !== undefined || dto.security.username !== undefined);
      if (dto.name !== undefined) server.name = dto.name.trim();
      if (dto.active !== undefined) server.active = dto.active;
      if (dto.logRequests !== undefined) server.logRequests = dto.logRequests;
      if (dto.logRetentionDays !== undefined) server.logRetentionDays = dto.logRetentionDays;
      if (dto.isDefault !== undefined) server.isDefault = dto.isDefault;
      if (dto.scim !== undefined) server.scimSettings = { ...server.scimSettings, ...definedOnly(dto.scim) };
      if (dto.access !== undefined) server.accessSettings = storedAccessSettings(dto.access);
      if (dto.security !== undefined) {
        const kept = methodChanged ? {} : keptSettings(server.securitySettings, dto.security);
        server.securityMethod = dto.security.method;
        server.securitySettings = { ...settingsOf(dto.security), ...kept };
      }
      if (dto.isDefault) await this.servers.clearDefault(server.id, em);
      server.updatedAt = new Date();
      const { id, createdAt, ...changes } = server;
      await this.servers.update(id, changes, em);
      let credentials: IssuedCredentialView | null = null;
      if (methodChanged || newPassword) {
        await this.credentialsRepo.revokeAll(serverId, em);
        credentials = await this.credentials.issue(server, em, dto.security?.password);
      }
      await this.directory.changed(serverId, em);
      const after = mapServer({ ...server, id, createdAt }, this.config.publicUrl);
      await this.audit.record(em, { action: 'server.updated', serverId, targetId: credentials?.id, before, after });
      return { ...after, credentials };
    });
  }

  async delete(serverId: string): Promise<void> {
    const deleted = await this.dataSource.transaction(async (em) => {
      const existing = await this.servers.findById(serverId, em);
      const found = await this.servers.delete(serverId, em);
      await this.directory.changed(serverId, em);
      if (found && existing)
        await this.audit.record(em, {
          action: 'server.deleted',
          serverId,
          before: mapServer(existing, this.config.publicUrl),
        });
      return found;
    });
    if (!deleted) throw notFound(serverId);
  }

  async listCredentials(serverId: string): Promise<CredentialView[]> {
    await this.require(serverId);
    return (await this.credentialsRepo.list(serverId)).map(mapCredential);
  }

  async issueCredential(serverId: string): Promise<IssuedCredentialView> {
    return this.dataSource.transaction(async (em) => {
      const server = await this.require(serverId, em);
      const issued = await this.credentials.issue(server, em);
      await this.directory.changed(serverId, em);
      if (!issued) {
        throw new BadRequestException(
          `Identity server ${serverId} uses security method "none", which takes no credentials`,
        );
      }
      await this.audit.record(em, { action: 'credential.issued', serverId, targetId: issued.id });
      return issued;
    });
  }

  /**
   * oauth2: a new approval secret for the authorization page (only its SHA-256 is kept, in the
   * security settings), replacing the previous one. Lets someone approve an IdP's connection for this
   * server without holding the admin token.
   */
  async issueApprovalSecret(serverId: string): Promise<{ approvalSecret: string; authorizationUrl: string }> {
    return this.dataSource.transaction(async (em) => {
      const server = await this.require(serverId, em);
      if (server.securityMethod !== 'oauth2')
        throw new BadRequestException(`Identity server ${serverId} does not use the oauth2 method`);
      const approvalSecret = randomSecret(24);
      server.securitySettings = { ...server.securitySettings, approvalSecretHash: sha256Hex(approvalSecret) };
      server.updatedAt = new Date();
      const { id, createdAt: _createdAt, ...changes } = server;
      await this.servers.update(id, changes, em);
      await this.directory.changed(serverId, em);
      await this.audit.record(em, { action: 'approval-secret.issued', serverId });
      return { approvalSecret, authorizationUrl: oauthEndpoints(this.config.publicUrl, serverId).authorize };
    });
  }

  async revokeCredential(serverId: string, credentialId: string): Promise<void> {
    await this.require(serverId);
    const revoked = await this.dataSource.transaction(async (em) => {
      const found = await this.credentialsRepo.revoke(serverId, credentialId, em);
      await this.directory.changed(serverId, em);
      if (found) await this.audit.record(em, { action: 'credential.revoked', serverId, targetId: credentialId });
      return found;
    });
    if (!revoked) throw new NotFoundException(`Identity server ${serverId} has no active credential ${credentialId}`);
  }

  private async require(serverId: string, em?: EntityManager): Promise<IdentityServerEntity> {
    const server = await this.servers.findById(serverId, em);
    if (!server) throw notFound(serverId);
    return server;
  }
}

/**
 * Settings that a change of the other settings keeps while the method stays: the approval secret's
 * hash, and the username of basic/digest when no new one is given (its credentials carry it: without
 * it the settings would fall back to the default username, and the next credential issued with it).
 */
function keptSettings(settings: Record<string, unknown>, security: SecurityDto): Record<string, unknown> {
  const keepUsername =
    PASSWORD_METHODS.includes(security.method) && security.username === undefined && settings.username !== undefined;
  return {
    ...(settings.approvalSecretHash !== undefined && { approvalSecretHash: settings.approvalSecretHash }),
    ...(keepUsername && { username: settings.username }),
  };
}

/** The settings kept with the server: never the password (it goes, hashed, into the first credential). */
function settingsOf(security: SecurityDto): Record<string, unknown> {
  const { method, password, ...settings } = security;
  if (PASSWORD_METHODS.includes(method)) return definedOnly({ username: DEFAULT_USERNAME, ...definedOnly(settings) });
  if (password !== undefined || settings.username !== undefined) {
    throw new BadRequestException(
      `security.username and security.password apply to the basic and digest methods, not to "${method}"`,
    );
  }
  return definedOnly(settings);
}

function definedOnly(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

function notFound(serverId: string): NotFoundException {
  return new NotFoundException(`Identity server ${serverId} not found`);
}
