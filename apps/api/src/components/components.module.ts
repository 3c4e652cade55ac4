import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module';
import { FormsController } from '../forms/forms.controller';
import { FormsService } from '../forms/forms.service';
import { RecordsController } from '../records/records.controller';
import { RecordsService } from '../records/records.service';
import { SubmissionsController } from '../submissions/submissions.controller';
import { SubmissionsService } from '../submissions/submissions.service';
import { ComponentsController } from './components.controller';
import { ComponentsService } from './components.service';

/** Components with their records and forms, and the end-user side of forms (submissions). */
@Module({
  imports: [RunsModule],
  controllers: [ComponentsController, RecordsController, FormsController, SubmissionsController],
  providers: [ComponentsService, RecordsService, FormsService, SubmissionsService],
})
export class ComponentsModule {}
