import { loggableError } from '../common/errors/loggable-error';
import { Injectable, Logger } from '@nestjs/common';
import { HttpError } from '../common/errors/http-error';
import { mapError } from '../common/errors/map-error';
import { isUuid } from '../common/uuid';
import { AppConfig, InjectConfig } from '../config/config.module';
import { MemberPolicy, REJECT_UNKNOWN_MEMBERS } from '../groups/group-members.service';
import { GroupsService } from '../groups/groups.service';
import { EntityTagCondition } from '../scim/resource/conditional';
import { Projection } from '../scim/query/list-query';
import { etagOf, resourceLocation, ResourceEndpoint } from '../scim/resource/locations';
import { resourceIdOf } from '../scim/resource/resource-id';
import { ResourceResponse } from '../scim/resource/resource-response';
import { UsersService } from '../users/users.service';
import { BulkPlan, substituteReferences } from './bulk-references';
import { BulkOperation, BulkRequest } from './bulk-request';
import { bulkResponse, BulkOperationResponse, BulkResponse, failed, succeeded } from './bulk-response';

/**
 * What Users and Groups share, so that an operation runs exactly as the single request would: with
 * the request's leniency (the server's `strict` setting) and, for Groups, its member settings.
 */
interface ResourceWriter {
  create(serverId: string, body: unknown, projection: Projection, policy: MemberPolicy): Promise<ResourceResponse>;
  replace(
    serverId: string,
    id: string,
    body: unknown,
    ifMatch: EntityTagCondition | undefined,
    projection: Projection,
    policy: MemberPolicy,
  ): Promise<ResourceResponse>;
  patch(
    serverId: string,
    id: string,
    body: unknown,
    ifMatch: EntityTagCondition | undefined,
    projection: Projection,
    policy: MemberPolicy,
  ): Promise<ResourceResponse>;
  delete(serverId: string, id: string, ifMatch: EntityTagCondition | undefined): Promise<void>;
}

/** Users take the leniency of the policy only. */
function usersWriter(users: UsersService): ResourceWriter {
  return {
    create: (serverId, body, projection, policy) => users.create(serverId, body, projection, policy.leniency),
    replace: (serverId, id, body, ifMatch, projection, policy) =>
      users.replace(serverId, id, body, ifMatch, projection, policy.leniency),
    patch: (serverId, id, body, ifMatch, projection, policy) =>
      users.patch(serverId, id, body, ifMatch, projection, policy.leniency),
    delete: (serverId, id, ifMatch) => users.delete(serverId, id, ifMatch),
  };
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
    this.writers = { Users: usersWriter(users), Groups: groups };
  }

  /** `policy`: the request's leniency and the server's member settings, applied to every operation. */
  async process(
    serverId: string,
    request: BulkRequest,
    requestId: string,
    policy: MemberPolicy = REJECT_UNKNOWN_MEMBERS,
  ): Promise<BulkResponse> {
    const plan = new BulkPlan(request.operations);
    const outcomes = new Map<number, BulkOperationResponse>();
    let errors = 0;
    for (let step = plan.next(); step; step = plan.next()) {
      const operation = request.operations[step.index];
      const outcome = step.error
        ? failed(operation, step.error, this.locationOf(serverId, operation, plan))
        : await this.run(serverId, operation, plan, requestId, policy);
      outcomes.set(step.index, outcome);
      if (outcome.response && ++errors >= (request.failOnErrors ?? Infinity)) break;
    }
    return bulkResponse(outcomes);
  }

  private async run(
    serverId: string,
    operation: BulkOperation,
    plan: BulkPlan,
    requestId: string,
    policy: MemberPolicy,
  ): Promise<BulkOperationResponse> {
    const resolved: BulkOperation = {
      ...operation,
      id: substituteReferences(operation.id, plan.ids),
      data: substituteReferences(operation.data, plan.ids),
    };
    try {
      const { outcome, createdId } = await this.execute(serverId, resolved, policy);
      plan.settle(operation.index, createdId);
      return outcome;
    } catch (e) {
      plan.settle(operation.index, undefined);
      return failed(operation, this.errorOf(e, operation, requestId), this.locationOf(serverId, operation, plan));
    }
  }

  private async execute(
    serverId: string,
    operation: BulkOperation,
    policy: MemberPolicy,
  ): Promise<{ outcome: BulkOperationResponse; createdId?: string }> {
    const writer = this.writers[operation.endpoint];
    const id = () => resourceIdOf(operation.id ?? '');
    switch (operation.method) {
      case 'POST': {
        const created = await writer.create(serverId, operation.data, NO_RESOURCE, policy);
        return {
          outcome: succeeded(operation, 201, created.location, etagOf(created.version)),
          createdId: String(created.body.id),
        };
      }
      case 'PUT': {
        const replaced = await writer.replace(serverId, id(), operation.data, operation.ifMatch, NO_RESOURCE, policy);
        return { outcome: succeeded(operation, 200, replaced.location, etagOf(replaced.version)) };
      }
      case 'PATCH': {
        const patched = await writer.patch(serverId, id(), operation.data, operation.ifMatch, NO_RESOURCE, policy);
        return { outcome: succeeded(operation, 200, patched.location, etagOf(patched.version)) };
      }
      case 'DELETE': {
        const target = id();
        await writer.delete(serverId, target, operation.ifMatch);
        return {
          outcome: succeeded(
            operation,
            204,
            resourceLocation(this.config.publicUrl, serverId, operation.endpoint, target),
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
