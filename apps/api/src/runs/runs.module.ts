import { Module } from '@nestjs/common';
import { DataflowsController } from '../dataflows/dataflows.controller';
import { DataflowsService } from '../dataflows/dataflows.service';
import { RunEventsService } from './run-events.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

/** Dataflows (definitions and versions) and their runs. */
@Module({
  controllers: [DataflowsController, RunsController],
  providers: [DataflowsService, RunsService, RunEventsService],
  exports: [RunsService, DataflowsService],
})
export class RunsModule {}
