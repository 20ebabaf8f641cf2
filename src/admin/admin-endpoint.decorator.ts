import { applyDecorators, Controller, UseGuards, UseInterceptors } from '@nestjs/common';
import { AdminActorInterceptor } from '../audit-log/audit-trail/admin-actor.interceptor';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminGuard } from './admin.guard';

export const ADMIN_SECURITY = 'admin-token';

/** An admin API controller under /admin: admin token required, documented as such; its changes are audited as the admin API's. */
export function AdminController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`admin/${path}`),
    UseGuards(AdminGuard),
    UseInterceptors(AdminActorInterceptor),
    ApiTags(tag),
    ApiBearerAuth(ADMIN_SECURITY),
    ApiUnauthorizedResponse({ description: 'Missing or wrong admin token' }),
  );
}
