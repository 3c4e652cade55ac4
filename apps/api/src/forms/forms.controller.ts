import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CreateFormRequest, Form, FormList, UpdateFormRequest } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { FormsService } from './forms.service';

class CreateFormDto extends createZodDto(CreateFormRequest) {}
class UpdateFormDto extends createZodDto(UpdateFormRequest) {}

/** Admin-only (the default of the auth guard). A component's forms; end users reach them under /api/my. */
@ApiTags('forms')
@Controller()
export class FormsController {
  constructor(private readonly forms: FormsService) {}

  @Get('components/:key/forms')
  @ApiOkResponse({ schema: openApiSchema(FormList) })
  list(@Param('key') key: string): Promise<{ items: Form[] }> {
    return this.forms.list(key);
  }

  /** `dataflowKey` must name a dataflow of the same component. */
  @Post('components/:key/forms')
  @ApiCreatedResponse({ schema: openApiSchema(Form) })
  create(@Param('key') key: string, @Body() body: CreateFormDto): Promise<Form> {
    return this.forms.create(key, body);
  }

  @Get('forms/:id')
  @ApiOkResponse({ schema: openApiSchema(Form) })
  get(@Param('id', uuidParam()) id: string): Promise<Form> {
    return this.forms.get(id);
  }

  @Patch('forms/:id')
  @ApiOkResponse({ schema: openApiSchema(Form) })
  update(@Param('id', uuidParam()) id: string, @Body() body: UpdateFormDto): Promise<Form> {
    return this.forms.update(id, body);
  }

  @Delete('forms/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  delete(@Param('id', uuidParam()) id: string): Promise<void> {
    return this.forms.delete(id);
  }
}
