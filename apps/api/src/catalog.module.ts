import { Module } from '@nestjs/common';
import { ConnectorsController } from './connectors/connectors.controller';
import { ConnectorsService } from './connectors/connectors.service';
import { EndpointsController } from './endpoints/endpoints.controller';
import { EndpointsService } from './endpoints/endpoints.service';
import { TryEndpointService } from './endpoints/try-endpoint.service';
import { OutboundModule } from './outbound/outbound.module';
import { SystemsController } from './systems/systems.controller';
import { SystemsService } from './systems/systems.service';

/** The integration catalog: systems, their connectors, and the connectors' endpoints. */
@Module({
  imports: [OutboundModule],
  controllers: [SystemsController, ConnectorsController, EndpointsController],
  providers: [SystemsService, ConnectorsService, EndpointsService, TryEndpointService],
  exports: [ConnectorsService],
})
export class CatalogModule {}
