import { Delete, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { ServerIdPipe } from '../servers/server-id.pipe';
import { LogEntryDetailView, LogPageView } from './dto/log-entry.view';
import { DeleteLogsQueryDto, LogFilterDto, LogListQueryDto } from './dto/log-query.dto';
import { RequestLogsService } from './request-logs.service';

@AdminController('servers/:id/logs', 'request log')
export class AdminRequestLogsController {
  constructor(private readonly logs: RequestLogsService) {}

  @Get()
  @ApiOperation({ summary: "A server's request log, newest first, cursor-paged (no bodies; see GET …/logs/:logId)" })
  @ApiOkResponse({ type: LogPageView })
  @ApiNotFoundResponse()
  list(@Param('id', ServerIdPipe) id: string, @Query() query: LogListQueryDto): Promise<LogPageView> {
    return this.logs.list(id, query);
  }

  /**
   * Streamed with backpressure: Fastify pipes the stream into the response, which pauses it while the
   * socket's buffer is full, and Readable.from asks the service for the next line only while its own
   * buffer (16 KiB) has room — so a slow reader holds at most the batch being sent (see export()).
   */
  @Get('export')
  @ApiOperation({ summary: 'Every matching entry with its bodies, newest first, as NDJSON (streamed)' })
  @ApiProduces('application/x-ndjson')
  @ApiNotFoundResponse()
  async export(
    @Param('id', ServerIdPipe) id: string,
    @Query() query: LogFilterDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    await this.logs.requireServer(id);
    reply.header('content-disposition', `attachment; filename="scimd-log-${id}.ndjson"`);
    return new StreamableFile(Readable.from(this.logs.export(id, query), { objectMode: false }), {
      type: 'application/x-ndjson',
    });
  }

  @Get(':logId')
  @ApiOperation({ summary: 'One entry with its (redacted) request and response bodies' })
  @ApiOkResponse({ type: LogEntryDetailView })
  @ApiNotFoundResponse()
  get(@Param('id', ServerIdPipe) id: string, @Param('logId', ServerIdPipe) logId: string): Promise<LogEntryDetailView> {
    return this.logs.get(id, logId);
  }

  @Delete()
  @ApiOperation({ summary: 'Delete the entries older than `before`' })
  @ApiOkResponse({ schema: { type: 'object', properties: { deleted: { type: 'integer' } } } })
  @ApiNotFoundResponse()
  async delete(
    @Param('id', ServerIdPipe) id: string,
    @Query() query: DeleteLogsQueryDto,
  ): Promise<{ deleted: number }> {
    return { deleted: await this.logs.deleteBefore(id, new Date(query.before)) };
  }
}
