import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Bundle, BundleImportList, ExportBundleRequest, ImportBundleRequest, ImportPlan, ImportResult, bundleJsonSchema } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { CurrentPrincipal, Public } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { BundlesService } from './bundles.service';

class ExportBundleDto extends createZodDto(ExportBundleRequest) {}
class ImportBundleDto extends createZodDto(ImportBundleRequest) {}

/** Admin-only (the default of the auth guard), except the published JSON Schema of the format. */
@ApiTags('bundles')
@Controller('bundles')
export class BundlesController {
  constructor(private readonly bundles: BundlesService) {}

  /** The JSON Schema of the bundle format (also in the repository: examples/bundle.schema.json). */
  @Public()
  @Get('schema')
  @ApiOkResponse({ description: 'JSON Schema (draft 2020-12)' })
  schema(): Record<string, unknown> {
    return bundleJsonSchema();
  }

  /** The chosen components and what they need, as a file to download. Secrets are never included. */
  @Post('export')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(Bundle) })
  async export(@Body() body: ExportBundleDto, @Res({ passthrough: true }) response: Response): Promise<Bundle> {
    const bundle = await this.bundles.export(body);
    const name = bundle.components.map((component) => component.key).join('+').slice(0, 80) || 'bundle';
    response.setHeader('Content-Disposition', `attachment; filename="${name}.bundle.json"`);
    return bundle;
  }

  /** Validates the bundle (400 lists every problem with its path) and answers what an import would do. Writes nothing. */
  @Post('import/plan')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(ImportPlan) })
  @ApiPayloadTooLargeResponse({ description: 'The bundle is larger than 10 MB' })
  plan(@Body() body: ImportBundleDto): Promise<ImportPlan> {
    return this.bundles.plan(body);
  }

  /** Applies the plan in one transaction and records the import; 409 when the plan has conflicts. */
  @Post('import/apply')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(ImportResult) })
  @ApiConflictResponse({ description: 'The plan has conflicts; nothing was imported' })
  @ApiPayloadTooLargeResponse({ description: 'The bundle is larger than 10 MB' })
  apply(@Body() body: ImportBundleDto, @CurrentPrincipal() principal: Principal): Promise<ImportResult> {
    return this.bundles.apply(body, { userId: principal.user.id, via: 'api' });
  }

  /** The last 100 imports: who, when, and what changed. */
  @Get('imports')
  @ApiOkResponse({ schema: openApiSchema(BundleImportList) })
  imports(): Promise<BundleImportList> {
    return this.bundles.imports();
  }
}
