import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { RequestLogWriter, WriterStats } from './request-log/request-log.writer';

@AdminController('logs', 'request log')
export class AdminLogStatsController {
  constructor(private readonly writer: RequestLogWriter) {}

  @Get('stats')
  @ApiOperation({ summary: "This instance's request-log queue: entries waiting, written, dropped (since start)" })
  @ApiOkResponse({
    schema: {
      type: 'object',
      example: {
        queued: 0,
        queuedBytes: 0,
        written: 1200,
        dropped: 0,
        droppedNotYetRecorded: 0,
        failedBatches: 0,
        waitingForDatabase: false,
      },
    },
  })
  stats(): WriterStats {
    return this.writer.stats();
  }
}
