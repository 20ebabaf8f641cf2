import { QueryFailedError } from 'typeorm';

/**
 * What of an exception goes into the log. TypeORM's QueryFailedError carries the query's bound
 * parameters (personal data, password and token hashes) and the driver's error, whose `detail`
 * may quote them ("Key (user_name)=(alice) already exists"): the log gets the error's name, message,
 * stack, SQLSTATE code and query text (placeholders only), with every bound value that still
 * appears in the message or stack replaced by `[redacted]`. Other errors are logged as they are.
 */
export function loggableError(exception: unknown): unknown {
  if (!(exception instanceof QueryFailedError)) return exception;
  const values = ((exception.parameters ?? []) as unknown[])
    .map((value) =>
      value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value),
    )
    .filter((value) => value.length >= 3)
    .sort((a, b) => b.length - a.length);
  const redact = (text: string | undefined) =>
    values.reduce((out, value) => out.split(value).join('[redacted]'), text ?? '');
  const driver = exception.driverError as { code?: unknown } | undefined;
  return {
    type: exception.name,
    message: redact(exception.message),
    stack: redact(exception.stack),
    code: typeof driver?.code === 'string' ? driver.code : undefined,
    query: exception.query,
  };
}
