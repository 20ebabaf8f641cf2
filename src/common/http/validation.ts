import { Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';

/** How the admin API validates its bodies (the global pipe, bootstrap.ts): unknown properties refused, the first problem of each. */
export const ADMIN_VALIDATION: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: true,
};

/**
 * A body validated and transformed as the admin API does it, for the CLI: the same DTO, the same
 * pipe, so the same BadRequestException (and message) for the same mistake.
 */
export async function validatedBody<T extends object>(metatype: Type<T>, body: unknown): Promise<T> {
  return (await new ValidationPipe(ADMIN_VALIDATION).transform(body, { type: 'body', metatype })) as T;
}
