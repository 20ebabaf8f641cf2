import 'reflect-metadata';
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { rememberRawBody } from './audit-log/request-log/captured-request';
import { installRequestLogHooks } from './audit-log/request-log/request-log.hooks';
import { RequestLogWriter } from './audit-log/request-log/request-log.writer';
import { ErrorWriter } from './common/errors/error-writer';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { installFormBody } from './common/http/form-body';
import { jsonDepthDetail, jsonNestsDeeperThan } from './common/http/json-depth';
import { nulCharacterDetail, nulCharacterPath } from './common/http/nul-characters';
import { refuseNulCharacters } from './common/http/nul-in-request';
import { setupOpenApi } from './common/http/openapi';
import { ADMIN_VALIDATION } from './common/http/validation';
import { loggerParams, logRequest, rootLogger } from './common/logging/logger-params';
import { QuietFrameworkLogger } from './common/logging/quiet-framework-logger';
import { requestId } from './common/http/request-id';
import { requestTimeouts } from './common/http/request-timeouts';
import { RouteTable } from './common/http/route-table';
import { ShutdownGate } from './common/http/shutdown-gate';
import { rememberOriginalUrl, ScimFastifyAdapter } from './common/http/scim-fastify-adapter';
import { AppConfig } from './config/app-config';
import { ScimError } from './scim/errors/scim-error';
import { installCompatibilityHooks } from './scim-api/compatibility-hooks';
import { MalformedBody } from './scim-api/malformed-body';
import { CompatibilityCounters } from './servers/compatibility-counters';
import { useScimContentType } from './scim-api/scim-content-type';
import { rewriteScimRequest } from './scim-api/scim-request';

/**
 * Builds the application exactly as it runs: `main.ts` and the e2e tests both call this. Order:
 * 1. Fastify: request ids, body limit, request timeouts, proxy trust, the default-server URL rewrite, SCIM JSON parsing
 *    and media type, form bodies for /oauth only (415 elsewhere), the route table that tells 405 from 404;
 * 2. Nest: the shutdown gate (503 + Connection: close after SIGTERM), the request-log hooks (onSend/onResponse, before the routes are registered), the compatibility
 *    counters' onResponse hook, the pino logger (request lines from an onResponse hook; Nest's start-up lines at debug), one global validation pipe (admin DTOs), one global exception filter
 *    (SCIM errors under /scim, admin JSON elsewhere), the OpenAPI explorer.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const routes = new RouteTable();
  const adapter = new ScimFastifyAdapter({
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: requestId,
    requestIdHeader: false,
    rewriteUrl: rememberOriginalUrl(rewriteScimRequest),
    return503OnClosing: true,
    ...requestTimeouts(config.requestTimeoutMs),
  });
  const fastify = adapter.getInstance();
  refuseNulCharacters(fastify);
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/scim/')) routes.add(route.method, route.url);
  });
  // JSON bodies, with an empty body read as no body instead of refused while parsing: parsing runs
  // before authentication, and a Digest client's first request (`curl --digest` POST) carries no body
  // to get its challenge — it must be answered 401 with the challenge. Handlers still want a body (400).
  const strictJson = fastify.getDefaultJsonParser('error', 'error');
  // An empty body is no body (curl --digest sends its first POST empty, for the challenge); a SCIM
  // body that is not JSON is refused after the guards (see MalformedBody), other routes refuse it here.
  const json: typeof strictJson = (request, body, done) => {
    if (body === '') return done(null, undefined);
    rememberRawBody(request, body as string);
    const scim = request.url.startsWith('/scim/');
    // Checked before parsing, without recursion: every later walk of the body recurses (stack overflow).
    if (jsonNestsDeeperThan(body as string)) {
      const problem = scim
        ? ScimError.badRequest('invalidSyntax', jsonDepthDetail())
        : new BadRequestException(jsonDepthDetail());
      return scim ? done(null, new MalformedBody(problem)) : done(problem, undefined);
    }
    void strictJson(request, body, (error, parsed) => {
      // PostgreSQL stores no NUL character: a body holding one is refused here, not failed on by the database.
      const nul = error ? undefined : nulCharacterPath(body as string, parsed);
      const problem =
        error ??
        (nul === undefined
          ? undefined
          : scim
            ? ScimError.badRequest('invalidValue', nulCharacterDetail(nul))
            : new BadRequestException(nulCharacterDetail(nul)));
      if (scim) return done(null, problem ? new MalformedBody(problem) : parsed);
      done(problem ?? null, problem ? undefined : parsed);
    });
  };
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(['application/json', 'application/scim+json'], { parseAs: 'string' }, json);
  installFormBody(fastify);
  const rootLog = rootLogger(config);
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequest(rootLog, request, reply);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    useScimContentType(request, reply);
    done(null, payload);
  });

  // The pino logger from the first line on (no buffering: a start that fails leaves no console-logger
  // stack trace behind), Nest's own start-up lines at debug; a failed start is thrown to the caller
  // (abortOnError: false), which says what went wrong in one line.
  const nestLogger = new QuietFrameworkLogger(new Logger(new PinoLogger(loggerParams(rootLog)), {}));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, rootLog), adapter, {
    logger: nestLogger,
    abortOnError: false,
    bodyParser: false,
  });
  fastify.addHook('onRequest', app.get(ShutdownGate).hook);
  installRequestLogHooks(fastify, app.get(RequestLogWriter));
  installCompatibilityHooks(fastify, app.get(CompatibilityCounters));
  const logger = app.get(Logger);
  const writer = new ErrorWriter(routes, { error: (obj, msg) => logger.error(obj, msg) });
  app.useGlobalFilters(new AllExceptionsFilter(writer));
  app.useGlobalPipes(new ValidationPipe(ADMIN_VALIDATION));
  setupOpenApi(app, config.publicUrl);
  adapter.useErrorHandler((error, request, reply) => writer.write(error, request, reply));
  await app.init();
  return app;
}
