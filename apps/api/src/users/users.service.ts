import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Prisma, type PrismaClient, type User } from '@conflux/db';
import type { CreateUserRequest, UpdateUserRequest, UserList, UserListQuery, UserSummary, UserWithPassword } from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { keysetPage, keysetWhere } from '../common/pagination';
import { InvalidRequestException } from '../common/error-filter';
import { generatePassword, hashPassword } from '../auth/secrets';
import type { Principal } from '../auth/principal';

export function toUserSummary(user: User): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  /** Keyset pagination by id (UUIDv7, so creation order). */
  async list({ cursor, limit, search }: UserListQuery): Promise<UserList> {
    const where: Prisma.UserWhereInput = search
      ? { OR: [{ email: { contains: search, mode: 'insensitive' } }, { name: { contains: search, mode: 'insensitive' } }] }
      : {};
    const rows = await this.prisma.user.findMany({
      where: keysetWhere(where, cursor),
      orderBy: { id: 'asc' },
      take: limit + 1,
    });
    return keysetPage(rows, limit, toUserSummary);
  }

  async create(request: CreateUserRequest & { role: 'admin' | 'user' }): Promise<UserWithPassword> {
    const password = request.password ?? generatePassword();
    try {
      const user = await this.prisma.user.create({
        data: { email: request.email, name: request.name, role: request.role, passwordHash: await hashPassword(password) },
      });
      return { user: toUserSummary(user), temporaryPassword: request.password ? undefined : password };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new ConflictException(`A user with the email ${request.email} already exists.`);
      }
      throw error;
    }
  }

  async update(id: string, request: UpdateUserRequest, actor: Principal): Promise<UserSummary> {
    // An admin cannot lock themselves out (and so cannot remove the last admin by accident).
    if (id === actor.user.id) {
      const issues = [
        ...(request.role && request.role !== 'admin' ? [{ path: ['role'], message: 'You cannot remove your own admin role' }] : []),
        ...(request.active === false ? [{ path: ['active'], message: 'You cannot deactivate yourself' }] : []),
      ];
      if (issues.length) throw new InvalidRequestException(issues);
    }
    await this.findOrThrow(id);
    const [user] = await this.prisma.$transaction([
      this.prisma.user.update({ where: { id }, data: request }),
      // A deactivated user's browsers are signed out at once; API tokens stop working because the user is inactive.
      ...(request.active === false ? [this.prisma.session.deleteMany({ where: { userId: id } })] : []),
    ]);
    return toUserSummary(user as User);
  }

  async resetPassword(id: string, password: string | undefined): Promise<UserWithPassword> {
    await this.findOrThrow(id);
    const next = password ?? generatePassword();
    const [user] = await this.prisma.$transaction([
      this.prisma.user.update({ where: { id }, data: { passwordHash: await hashPassword(next) } }),
      this.prisma.session.deleteMany({ where: { userId: id } }),
    ]);
    return { user: toUserSummary(user), temporaryPassword: password ? undefined : next };
  }

  private async findOrThrow(id: string): Promise<User> {
    const user = await this.prisma.user.findUnique({ where: { id } });
    if (!user) throw new NotFoundException('No such user.');
    return user;
  }
}
