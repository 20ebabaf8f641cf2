import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthFailureThrottle } from '../access/auth-failure-throttle';
import { tooManyRequests } from '../access/too-many-requests';
import { verifyAgainstNothing, verifyPassword } from '../common/password-hash';
import { ServersRepository } from '../servers/servers.repository';
import { AuthenticatedUserView } from './dto/authenticate.dto';

interface Row {
  id: string;
  user_name: string;
  active: boolean;
  password_hash: string | null;
  effective_role: string | null;
}

/**
 * The application-facing check of a password an IdP pushed (Okta): right password of an active user →
 * the user and its role; anything else → one indistinguishable 401. Failures are throttled per server
 * and userName (the application calls from one address for all its users), with AuthFailureThrottle's
 * policy: 10 free failures a minute, then doubling backoffs (429 with Retry-After) during which no
 * password is even checked; a right password clears the record.
 */
@Injectable()
export class PasswordCheckService {
  private readonly throttle = new AuthFailureThrottle();

  constructor(
    private readonly dataSource: DataSource,
    private readonly servers: ServersRepository,
  ) {}

  async authenticate(serverId: string, userName: string, password: string): Promise<AuthenticatedUserView> {
    if (!(await this.servers.findById(serverId))) throw new NotFoundException(`Identity server ${serverId} not found`);
    const key = `${serverId}/${userName.toLowerCase()}`;
    const wait = this.throttle.retryAfter(key);
    if (wait > 0) throw tooManyRequests(`Too many failed attempts for this user; retry in ${wait} s`, wait);
    const rows: Row[] = await this.dataSource.query(
      'SELECT id, user_name, active, password_hash, effective_role FROM scim_users WHERE server_id = $1 AND lower(user_name) = lower($2)',
      [serverId, userName],
    );
    const user = rows[0];
    const valid = user?.password_hash
      ? await verifyPassword(password, user.password_hash)
      : await verifyAgainstNothing(password);
    if (!user || !user.password_hash || !valid || !user.active) {
      this.throttle.recordFailure(key);
      throw new UnauthorizedException('Invalid userName or password, or the user is inactive');
    }
    this.throttle.recordSuccess(key);
    return { id: user.id, userName: user.user_name, active: user.active, role: user.effective_role };
  }
}
