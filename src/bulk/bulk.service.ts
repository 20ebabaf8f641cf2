import { loggableError } from '../common/errors/loggable-error';
import { Injectable, Logger } from '@nestjs/common';
import { HttpError } from '../common/errors/http-error';
import { mapError } from '../common/errors/map-error';
import { isUuid } from '../common/uuid';
import { AppConfig, InjectConfig } from '../config/config.module';
import { GroupsService } from '../groups/groups.service';
import { Projection } from '../scim/query/list-query';
import { etagOf, resourceLocation, ResourceEndpoint } from '../scim/resource/locations';
import { resourceIdOf } from '../scim/resource/resource-id';
import { ResourceResponse } from '../scim/resource/resource-response';
import { Conditions, ScimContext } from '../tenancy/scim-context';
import { UsersService } from '../users/users.service';
import { BulkPlan, substituteReferences } from './bulk-references';
import { BulkOperation, BulkRequest } from './bulk-request';
import { bulkResponse, BulkOperationResponse, BulkResponse, failed, succeeded } from './bulk-response';

/** What Users and Groups share, so that an operation runs exactly as the single request would (same context). */
interface ResourceWriter {
  create(ctx: ScimContext, body: unknown, conditions: Conditions): Promise<ResourceResponse>;
  replace(ctx: ScimContext, id: string, body: unknown, conditions: Conditions): Promise<ResourceResponse>;
  patch(ctx: ScimContext, id: string, body: unknown, conditions: Conditions): Promise<ResourceResponse>;
  delete(ctx: ScimContext, id: string, conditions: Conditions): Promise<void>;
}

/** Bulk responses carry no resource: ask for the least, so no member or group list is read. */
const NO_RESOURCE: Projection = { attributes: ['id'] };

/**
 * Runs a BulkRequest (RFC 7644 §3.7) through the Users and Groups services, one operation at a time,
 * in the order the bulkId references allow (see BulkPlan). Each operation is its own unit, as the
 * single request would be: its error becomes its outcome and the others go on, until `failOnErrors`
 * errors have occurred.
 */
@Injectable()
export class BulkService {
  private readonly logger = new Logger('Bulk');
  private readonly writers: Record<ResourceEndpoint, ResourceWriter>;

  constructor(
    users: UsersService,
    groups: GroupsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.writers = { Users: users, Groups: groups };
  }

  /** Every operation runs in the request's context: its tenant's settings, its leniency. */
  async process(ctx: ScimContext, request: BulkRequest): Promise<BulkResponse> {
    const serverId = ctx.tenant.id;
    const plan = new BulkPlan(request.operations);
    const outcomes = new Map<number, BulkOperationResponse>();
    let errors = 0;
    for (let step = plan.next(); step; step = plan.next()) {
      const operation = request.operations[step.index];
      const outcome = step.error
        ? failed(operation, step.error, this.locationOf(serverId, operation, plan))
        : await this.run(ctx, operation, plan);
      outcomes.set(step.index, outcome);
      if (outcome.response && ++errors >= (request.failOnErrors ?? Infinity)) break;
    }
    return bulkResponse(outcomes);
  }

  private async run(ctx: ScimContext, operation: BulkOperation, plan: BulkPlan): Promise<BulkOperationResponse> {
    const resolved: BulkOperation = {
      ...operation,
      id: substituteReferences(operation.id, plan.ids),
      data: substituteReferences(operation.data, plan.ids),
    };
    try {
      const { outcome, createdId } = await this.execute(ctx, resolved);
      plan.settle(operation.index, createdId);
      return outcome;
    } catch (e) {
      plan.settle(operation.index, undefined);
      return failed(
        operation,
        this.errorOf(e, operation, ctx.requestId),
        this.locationOf(ctx.tenant.id, operation, plan),
      );
    }
  }

  private async execute(
    ctx: ScimContext,
    operation: BulkOperation,
  ): Promise<{ outcome: BulkOperationResponse; createdId?: string }> {
    const writer = this.writers[operation.endpoint];
    const id = () => resourceIdOf(operation.id ?? '');
    const conditions: Conditions = { ifMatch: operation.ifMatch, projection: NO_RESOURCE };
    switch (operation.method) {
      case 'POST': {
        const created = await writer.create(ctx, operation.data, conditions);
        return {
          outcome: succeeded(operation, 201, created.location, etagOf(created.version)),
          createdId: String(created.body.id),
        };
      }
      case 'PUT': {
        const replaced = await writer.replace(ctx, id(), operation.data, conditions);
        return { outcome: succeeded(operation, 200, replaced.location, etagOf(replaced.version)) };
      }
      case 'PATCH': {
        const patched = await writer.patch(ctx, id(), operation.data, conditions);
        return { outcome: succeeded(operation, 200, patched.location, etagOf(patched.version)) };
      }
      case 'DELETE': {
        const target = id();
        await writer.delete(ctx, target, conditions);
        return {
          outcome: succeeded(
            operation,
            204,
            resourceLocation(this.config.publicUrl, ctx.tenant.id, operation.endpoint, target),
          ),
        };
      }
    }
  }

  /** The URL of the resource a PUT, PATCH or DELETE targets, once its id is known and well-formed. */
  private locationOf(serverId: string, operation: BulkOperation, plan: BulkPlan): string | undefined {
    const id = substituteReferences(operation.id, plan.ids);
    return id !== undefined && isUuid(id)
      ? resourceLocation(this.config.publicUrl, serverId, operation.endpoint, id.toLowerCase())
      : undefined;
  }

  /** As the HTTP layer maps errors (ErrorWriter): a 5xx is logged and answered without its cause. */
  private errorOf(exception: unknown, operation: BulkOperation, requestId: string): HttpError {
    const error = mapError(exception);
    if (error.status < 500 || error.status === 503) return error; // a 503 (database away, conflict) says what to do
    this.logger.error(
      { err: loggableError(exception), reqId: requestId, operation: operation.index },
      'bulk operation failed',
    );
    return { ...error, detail: `Internal server error (request id ${requestId})` };
  }
}
