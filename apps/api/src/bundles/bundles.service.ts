import { Injectable } from '@nestjs/common';
import type { PrismaClient } from '@conflux/db';
import type { Bundle, BundleImportList, ExportBundleRequest, ImportBundleRequest, ImportPlan, ImportResult } from '@conflux/contracts';
import { InjectPrisma } from '../database/database.module';
import { InjectSecretBox, type SecretBox } from '../secrets/secrets.module';
import { exportBundle } from './bundle-export';
import { applyImport, planImport, type ImportActor } from './bundle-import';

/** The HTTP side of bundles; the work is in bundle-export.ts and bundle-import.ts, which the CLI calls too. */
@Injectable()
export class BundlesService {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @InjectSecretBox() private readonly box: SecretBox,
  ) {}

  export(request: ExportBundleRequest): Promise<Bundle> {
    return exportBundle(this.prisma, request);
  }

  plan(request: ImportBundleRequest): Promise<ImportPlan> {
    return planImport(this.prisma, this.box, request);
  }

  apply(request: ImportBundleRequest, actor: ImportActor): Promise<ImportResult> {
    return applyImport(this.prisma, this.box, request, actor);
  }

  async imports(): Promise<BundleImportList> {
    const rows = await this.prisma.bundleImport.findMany({
      orderBy: { createdAt: 'desc' },
      take: 100,
      include: { user: { select: { id: true, email: true, name: true } } },
    });
    return { items: rows.map((row) => ({ id: row.id, createdAt: row.createdAt.toISOString(), user: row.user, summary: row.summary as Record<string, unknown> })) };
  }
}
