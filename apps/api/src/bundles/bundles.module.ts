import { Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { BundlesController } from './bundles.controller';
import { BundlesService } from './bundles.service';
import { bundleBodyParser } from './bundle-body';

/** Component bundles: the JSON Schema of the format, export, and import (plan, apply, history). */
@Module({
  controllers: [BundlesController],
  providers: [BundlesService],
})
export class BundlesModule {
  constructor(adapterHost: HttpAdapterHost) {
    // Runs while the app is created, before Nest mounts its app-wide JSON parser (100 kB).
    (adapterHost.httpAdapter.getInstance() as Express).use('/api/bundles', bundleBodyParser());
  }
}
