import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { EntityRecord, RecordList, RecordListQuery, RecordWriteRequest } from '@conflux/contracts';
import { openApiSchema } from '../common/openapi';
import { uuidParam } from '../common/params';
import { InvalidRequestException } from '../common/error-filter';
import { RecordsService } from './records.service';

class RecordWriteDto extends createZodDto(RecordWriteRequest) {}

/**
 * The query string as RecordListQuery. Filters are written `filter.<property>=value`
 * (`?filter.city=Oslo&filter.active=true`); `filter[city]=Oslo` is read the same way.
 */
export function parseRecordListQuery(raw: Record<string, unknown>): RecordListQuery {
  const filter: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const dotted = /^filter\.(.+)$/.exec(key) ?? /^filter\[(.+)\]$/.exec(key);
    if (dotted) filter[dotted[1]!] = value;
    else if (key === 'filter' && value && typeof value === 'object' && !Array.isArray(value)) Object.assign(filter, value);
    else rest[key] = value;
  }
  const parsed = RecordListQuery.safeParse({ ...rest, ...(Object.keys(filter).length ? { filter } : {}) });
  if (!parsed.success) {
    throw new InvalidRequestException(parsed.error.issues.map((issue) => ({ path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'), message: issue.message })));
  }
  return parsed.data;
}

/** Admin-only (the default of the auth guard). A component's records. */
@ApiTags('records')
@Controller('components/:key/records')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(RecordList) })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'sort', required: false, description: 'A property of the entity model' })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'] })
  @ApiQuery({ name: 'filter.<property>', required: false, description: 'Equality on the property\'s text value, e.g. filter.city=Oslo' })
  list(@Param('key') key: string, @Query() query: Record<string, unknown>): Promise<RecordList> {
    return this.records.list(key, parseRecordListQuery(query));
  }

  @Post()
  @ApiCreatedResponse({ schema: openApiSchema(EntityRecord) })
  create(@Param('key') key: string, @Body() body: RecordWriteDto): Promise<EntityRecord> {
    return this.records.create(key, body.data);
  }

  @Get(':id')
  @ApiOkResponse({ schema: openApiSchema(EntityRecord) })
  get(@Param('key') key: string, @Param('id', uuidParam()) id: string): Promise<EntityRecord> {
    return this.records.get(key, id);
  }

  @Patch(':id')
  @ApiOkResponse({ schema: openApiSchema(EntityRecord) })
  update(@Param('key') key: string, @Param('id', uuidParam()) id: string, @Body() body: RecordWriteDto): Promise<EntityRecord> {
    return this.records.update(key, id, body.data);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  delete(@Param('key') key: string, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.records.delete(key, id);
  }
}
