import { LogEntryDetailView, LogEntryView } from '../dto/log-entry.view';
import { LogEntryRow, RequestLogRow } from '../request-log/log-row';

export function mapLogEntry(row: LogEntryRow): LogEntryView {
  return {
    id: row.id,
    kind: row.kind,
    time: row.createdAt.toISOString(),
    requestId: row.requestId,
    method: row.method,
    path: row.path,
    status: row.status,
    durationMs: row.durationMs,
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
    credentialId: row.credentialId,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    action: row.action,
  };
}

/** With the bodies: JSON as JSON, a cut body or a marker as the stored text. */
export function mapLogEntryDetail(row: RequestLogRow): LogEntryDetailView {
  return { ...mapLogEntry(row), requestBody: body(row.requestBody), responseBody: body(row.responseBody) };
}

function body(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
