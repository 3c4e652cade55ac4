import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import type { PrismaClient } from '@conflux/db';
import { ErrorFilter } from './common/error-filter';
import { DatabaseModule, type DatabaseInfo } from './database/database.module';
import { HealthModule } from './health/health.module';
import { AuthModule } from './auth/auth.module';
import { UsersModule } from './users/users.module';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { SettingsModule } from './config/settings.module';
import { SecretsModule } from './secrets/secrets.module';
import { CatalogModule } from './catalog.module';
import { RunsModule } from './runs/runs.module';
import { ComponentsModule } from './components/components.module';
import { BundlesModule } from './bundles/bundles.module';
import type { Settings } from './config/settings';
import { loggerOptions } from './config/logger';

export interface AppModuleOptions {
  settings: Settings;
  /** Seals stored secrets (see secrets/secret-key.ts). */
  secretKey: string;
  prisma: PrismaClient;
  database: DatabaseInfo;
  /** Where logs go instead of stdout (tests). */
  logStream?: NodeJS.WritableStream;
}

@Module({})
export class AppModule {
  static register({ settings, secretKey, prisma, database, logStream }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(settings, logStream)),
        SettingsModule.forSettings(settings),
        DatabaseModule.forClient(prisma, database),
        SecretsModule.forKey(secretKey, settings.secrets.previousKeys),
        AuthModule,
        HealthModule,
        UsersModule,
        ApiTokensModule,
        CatalogModule,
        RunsModule,
        ComponentsModule,
        BundlesModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
