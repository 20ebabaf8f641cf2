import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit-log/audit-trail/audit-trail.service';
import { AppConfig, InjectConfig } from '../config/config.module';
import { CredentialsRepository } from '../servers/credentials.repository';
import { scimUrlOf } from '../servers/mappers/server.mapper';
import { scimSettingsOf } from '../servers/scim-settings';
import { SELF_TEST_METHOD } from '../servers/security-method';
import { ServerDirectory } from '../servers/server-directory';
import { ServersRepository } from '../servers/servers.repository';
import { DEFAULT_STEP_TIMEOUT_MS } from './dto/self-test-options.dto';
import { SelfTestReportView, SelfTestStepView } from './dto/self-test-report.view';
import { sendStep, StepTransport } from './http-step';
import { mintSelfTestCredential } from './self-test-credential';
import { connectionSteps, CYCLE, PlannedStep, RunState } from './self-test-plan';

/** Beyond the steps' own timeouts, how long the run's credential stays valid. */
const CREDENTIAL_MARGIN_MS = 30_000;
/** The most requests a run makes: connection steps, the cycle, two clean-ups. */
const MAX_REQUESTS = 3 + CYCLE.length + 2;
const DETAIL_MAX = 300;

/**
 * Runs an identity server's self-test: over HTTP, against the server's own public SCIM URL (PUBLIC_URL
 * + /scim/v2/<id>), exactly as an IdP calls it — through the proxy, TLS, routing, access guards and
 * request log — Entra's and Okta's connection tests, then a cycle with a throw-away user and group,
 * which it removes even when a step fails.
 *
 * Credentials. The IdP's own secret cannot be used: scimd keeps only its hash. Minting a credential of
 * the server's method would not work for every method (an OAuth authorization-code server needs a
 * browser approval; Digest a challenge round trip) and would touch the credentials the administrator
 * manages. So each run mints its own credential, of method `self-test`: a 32-byte random secret of
 * which only the SHA-256 is stored, valid for the run's length (steps × timeout + 30 s), accepted only
 * at this server's URL and only in the `X-Scimd-Self-Test` header (ScimSelfTestGuard), and revoked
 * when the run ends — through the server directory, so on every instance at once. The secret lives in
 * this function's memory only: it is never stored in clear, logged (the request log keeps no headers;
 * it shows the credential's id and the `scimd-self-test` User-Agent), returned or audited. The CLI
 * runs the same code: it shares the database, so the credential it mints is the one the server checks.
 *
 * One run per server at a time, on every instance: a run starts only when the server has no active
 * self-test credential (checked under a lock of the server's row), else 409. A run cut short (the
 * process died) blocks new ones until its credential expires.
 */
@Injectable()
export class SelfTestService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly servers: ServersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly directory: ServerDirectory,
    private readonly audit: AuditTrail,
  ) {}

  async run(serverId: string, stepTimeoutMs = DEFAULT_STEP_TIMEOUT_MS): Promise<SelfTestReportView> {
    const server = await this.servers.findById(serverId);
    if (!server) throw new NotFoundException(`Identity server ${serverId} not found`);
    const startedAt = new Date();
    const scimUrl = scimUrlOf(this.config.publicUrl, server.id);
    const minted = mintSelfTestCredential();
    const expiresAt = new Date(Date.now() + MAX_REQUESTS * stepTimeoutMs + CREDENTIAL_MARGIN_MS);
    await this.dataSource.transaction(async (em) => {
      if (!(await this.servers.lock(serverId, em)))
        throw new NotFoundException(`Identity server ${serverId} not found`);
      const running = await this.credentials.lastActiveExpiry(serverId, SELF_TEST_METHOD, em);
      if (running) {
        throw new ConflictException(
          `A self-test of this identity server is already running; wait for its report and run it again (a run that was cut short blocks new ones until ${running.toISOString()} at the latest)`,
        );
      }
      await this.credentials.insert(
        {
          id: minted.id,
          serverId,
          method: SELF_TEST_METHOD,
          secretHash: minted.hash,
          username: null,
          sealedSecret: null,
          expiresAt,
          revokedAt: null,
          createdAt: startedAt,
        },
        em,
      );
    });
    const transport: StepTransport = { scimUrl, token: minted.token, timeoutMs: stepTimeoutMs };
    const state: RunState = { runId: randomUUID(), patchStatus: scimSettingsOf(server.scimSettings).patchStatus };
    const steps: SelfTestStepView[] = [];
    let leftBehind: string[];
    try {
      for (const planned of connectionSteps(state, server.securityMethod !== 'none'))
        steps.push((await this.execute(transport, planned)).view);
      let failed = false;
      for (const build of CYCLE) {
        const planned = build(state);
        if (failed) {
          steps.push(skippedView(planned));
          continue;
        }
        const { view, body } = await this.execute(transport, planned);
        steps.push(view);
        failed = !view.ok;
        track(state, planned.name, view, body);
      }
      leftBehind = await this.cleanUp(transport, state, steps);
    } finally {
      await this.finish(serverId, minted.id, steps);
    }
    return {
      serverId,
      scimUrl,
      ok: steps.every((s) => s.ok || s.skipped === true) && leftBehind.length === 0,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      steps,
      leftBehind,
    };
  }

  private async execute(
    transport: StepTransport,
    planned: PlannedStep,
  ): Promise<{ view: SelfTestStepView; body: Record<string, unknown> }> {
    const answer = await sendStep(transport, planned);
    const body =
      typeof answer.body === 'object' && answer.body !== null ? (answer.body as Record<string, unknown>) : {};
    let detail: string | undefined;
    if (answer.status === null) detail = answer.error;
    else if (answer.status !== planned.expected)
      detail = `expected ${planned.expected}, got ${answer.status}${typeof body.detail === 'string' ? `: ${body.detail}` : ''}`;
    else detail = planned.check?.(body);
    const view: SelfTestStepView = {
      name: planned.name,
      method: planned.method,
      path: planned.path,
      status: answer.status,
      expected: planned.expected,
      ok: detail === undefined,
      durationMs: answer.durationMs,
    };
    if (detail !== undefined) view.detail = detail.slice(0, DETAIL_MAX);
    return { view, body };
  }

  /** Deletes what the cycle created and did not delete; the locations it could not remove. */
  private async cleanUp(transport: StepTransport, state: RunState, steps: SelfTestStepView[]): Promise<string[]> {
    const left: string[] = [];
    const targets: [string, string | undefined][] = [
      ['Groups', state.groupId],
      ['Users', state.userId],
    ];
    for (const [endpoint, id] of targets) {
      if (id === undefined) continue;
      const planned: PlannedStep = {
        name: `cleanup-delete-${endpoint === 'Groups' ? 'group' : 'user'}`,
        method: 'DELETE',
        path: `/${endpoint}/${id}`,
        expected: 204,
      };
      const { view } = await this.execute(transport, planned);
      steps.push({ ...view, cleanup: true });
      if (!view.ok && view.status !== 404) left.push(`${transport.scimUrl}/${endpoint}/${id}`);
    }
    return left;
  }

  /** Revokes the run's credential (on every instance) and records the run in the audit trail. */
  private async finish(serverId: string, credentialId: string, steps: SelfTestStepView[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.credentials.revoke(serverId, credentialId, em);
      await this.directory.changed(serverId, em);
      const failed = steps.filter((s) => !s.ok && !s.skipped).map((s) => `${s.name} (${s.status ?? 'no answer'})`);
      await this.audit.record(em, {
        action: 'server.self-test',
        serverId,
        targetId: credentialId,
        after: { ok: failed.length === 0, steps: steps.length, failed },
      });
    });
  }
}

/** Remembers the ids the cycle created, and forgets the ones it deleted. */
function track(state: RunState, name: string, view: SelfTestStepView, body: Record<string, unknown>): void {
  // By status, not by the step's checks: a created resource whose body looks wrong must still be removed.
  const created =
    view.status === 201 && typeof body.id === 'string' && /^[\w.:-]{1,200}$/.test(body.id) ? body.id : undefined;
  if (name === 'create-user' && created) state.userId = created;
  if (name === 'create-group' && created) state.groupId = created;
  if (name === 'delete-group' && view.status === 204) state.groupId = undefined;
  if (name === 'delete-user' && view.status === 204) state.userId = undefined;
}

function skippedView(planned: PlannedStep): SelfTestStepView {
  return {
    name: planned.name,
    method: planned.method,
    path: planned.path,
    status: null,
    expected: planned.expected,
    ok: false,
    skipped: true,
    durationMs: 0,
  };
}
