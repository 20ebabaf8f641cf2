import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { roleMappingOf } from '../role-mapping/role-mapping-settings';
import { resolvePath } from '../scim/resource/schema-paths';
import { buildServerSchemas, lookupAttributesOf } from './server-schemas';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit-log/audit-trail/audit-trail.service';
import { ServerCountersRepository } from '../servers/server-counters.repository';
import { ServerDirectory } from '../servers/server-directory';
import { ServersRepository } from '../servers/servers.repository';
import { SchemaSettings, schemaSettingsOf } from './custom-attribute';
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
    const settings = schemaSettingsOf(server.schemaSettings);
    return {
      ...settings,
      lookupIndex: lookupIndexState(server, settings),
      ignoredAttributes: await this.counters.list(serverId, 'ignored-attribute'),
    };
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
      checkRulesKeepTheirAttributes(server.roleMapping, settings);
      const now = new Date();
      // Another set of lookup attributes: resources are re-keyed by the LookupIndexer, and filters
      // read without the index until it is done.
      const rekey = lookupKeying(schemaSettingsOf(server.schemaSettings)) !== lookupKeying(settings);
      await this.servers.update(
        serverId,
        {
          schemaSettings: { ...settings },
          updatedAt: now,
          ...(rekey && { lookupVersion: server.lookupVersion + 1, lookupChangedAt: now }),
        },
        em,
      );
      await this.directory.changed(serverId, em);
      await this.audit.record(em, {
        action: 'schema.updated',
        serverId,
        before: schemaSettingsOf(server.schemaSettings),
        after: settings,
      });
    });
    return this.get(serverId);
  }

  /** Forgets the ignored-attribute counters (e.g. after the IdP's mapping was fixed). */
  async clearIgnored(serverId: string): Promise<void> {
    await this.get(serverId);
    await this.counters.clear(serverId, 'ignored-attribute');
  }
}

/** What decides the lookup keys of every resource: the keyed attributes and how they compare. */
function lookupKeying(settings: SchemaSettings): string {
  return JSON.stringify([
    lookupAttributesOf(settings.attributes, 'User'),
    lookupAttributesOf(settings.attributes, 'Group'),
  ]);
}

/** `none` (no attribute marked), `building` (resources being re-keyed; filters read without the index) or `ready`. */
function lookupIndexState(server: IdentityServerEntity, settings: SchemaSettings): 'none' | 'building' | 'ready' {
  if (server.lookupVersion !== server.lookupReadyVersion) return 'building';
  return settings.attributes.some((a) => a.lookup) ? 'ready' : 'none';
}

/** A role rule on an attribute must keep finding it: removing or moving a declaration it uses is refused. */
function checkRulesKeepTheirAttributes(roleMapping: Record<string, unknown>, settings: SchemaSettings): void {
  const users = buildServerSchemas({ schemaSettings: { ...settings }, roleMapping }).users;
  roleMappingOf(roleMapping).rules.forEach((rule, i) => {
    if (rule.source === 'attribute' && !resolvePath(rule.attribute, users)?.attribute) {
      throw new BadRequestException(
        `Attribute "${rule.attribute}" is used by role-mapping rules[${i}]: change the role mapping first`,
      );
    }
  });
}

function notFound(serverId: string): NotFoundException {
  return new NotFoundException(`Identity server ${serverId} not found`);
}
