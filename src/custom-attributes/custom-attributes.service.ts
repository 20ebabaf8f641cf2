import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit-log/audit-trail/audit-trail.service';
import { ServerCountersRepository } from '../servers/server-counters.repository';
import { ServerDirectory } from '../servers/server-directory';
import { ServersRepository } from '../servers/servers.repository';
import { schemaSettingsOf } from './custom-attribute';
import { SchemaSettingsView } from './dto/schema-settings.view';
import { parseSchemaSettings } from './parse-schema-settings';

/** The administration of a server's custom attributes and unknown-attribute policy. */
@Injectable()
export class CustomAttributesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly servers: ServersRepository,
    private readonly counters: ServerCountersRepository,
    private readonly directory: ServerDirectory,
    private readonly audit: AuditTrail,
  ) {}

  async get(serverId: string): Promise<SchemaSettingsView> {
    const server = await this.servers.findById(serverId);
    if (!server) throw notFound(serverId);
    return { ...schemaSettingsOf(server.schemaSettings), ignoredAttributes: await this.counters.list(serverId, 'ignored-attribute') };
  }

  /**
   * Replaces the declarations and the policy (one transaction with the audit entry); every instance
   * rebuilds the server's schemas at its next request. Stored values of removed attributes stay in
   * the documents, unreturned, until the resource is next written.
   */
  async replace(serverId: string, body: unknown): Promise<SchemaSettingsView> {
    const settings = parseSchemaSettings(body);
    await this.dataSource.transaction(async (em) => {
      const server = await this.servers.findById(serverId, em);
      if (!server) throw notFound(serverId);
      await this.servers.update(serverId, { schemaSettings: { ...settings }, updatedAt: new Date() }, em);
      await this.directory.changed(serverId, em);
      await this.audit.record(em, { action: 'schema.updated', serverId, before: schemaSettingsOf(server.schemaSettings), after: settings });
    });
    return this.get(serverId);
  }

  /** Forgets the ignored-attribute counters (e.g. after the IdP's mapping was fixed). */
  async clearIgnored(serverId: string): Promise<void> {
    await this.get(serverId);
    await this.counters.clear(serverId, 'ignored-attribute');
  }
}

function notFound(serverId: string): NotFoundException {
  return new NotFoundException(`Identity server ${serverId} not found`);
}
