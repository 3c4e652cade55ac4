import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import type { PrismaClient } from '@conflux/db';
import type { ChangePasswordRequest, LoginRequest } from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { InvalidRequestException } from '../common/error-filter';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsService } from './sessions.service';
import { hashPassword, verifyPassword } from './secrets';
import type { Principal } from './principal';

/** One message for an unknown email, a wrong password and a deactivated account. */
export const WRONG_CREDENTIALS = 'Email or password is incorrect.';

export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class AuthService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async login({ email, password }: LoginRequest, meta: { ip: string; userAgent?: string }) {
    const wait = await this.throttle.retryAfterSeconds(email, meta.ip);
    if (wait > 0) throw new TooManyAttemptsException(wait);

    const user = await this.prisma.user.findUnique({ where: { email } });
    const passwordOk = await verifyPassword(user?.passwordHash, password);
    if (!user || !passwordOk || !user.active) {
      await this.throttle.record(email, meta.ip, false);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    await this.throttle.record(email, meta.ip, true);
    await this.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    return this.sessions.create(user.id, meta);
  }

  async changePassword(principal: Principal, request: ChangePasswordRequest) {
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: principal.user.id } });
    if (!(await verifyPassword(user.passwordHash, request.currentPassword))) {
      throw new InvalidRequestException([{ path: ['currentPassword'], message: 'The current password is not correct' }]);
    }
    const passwordHash = await hashPassword(request.newPassword);
    // Other browsers signed in as this user are signed out; this one stays.
    await this.prisma.$transaction([
      this.prisma.user.update({ where: { id: user.id }, data: { passwordHash } }),
      this.prisma.session.deleteMany({
        where: principal.sessionId ? { userId: user.id, id: { not: principal.sessionId } } : { userId: user.id },
      }),
    ]);
  }
}
