import { Injectable } from '@nestjs/common';
import type { EndpointParameter, OutboundResult, TryEndpointRequest } from '@conflux/contracts';
import { InvalidRequestException } from '../common/error-filter';
import { ConnectorsService } from '../connectors/connectors.service';
import { OutboundService } from '../outbound/outbound.service';
import { expandPathTemplate } from '@conflux/engine';
import { EndpointsService } from './endpoints.service';

@Injectable()
export class TryEndpointService {
  constructor(
    private readonly endpoints: EndpointsService,
    private readonly connectors: ConnectorsService,
    private readonly outbound: OutboundService,
  ) {}

  async send(endpointId: string, request: TryEndpointRequest): Promise<OutboundResult> {
    const endpoint = await this.endpoints.get(endpointId);
    const parameters = endpoint.parameters as EndpointParameter[];
    const issues = [
      ...(endpoint.methods.includes(request.method) ? [] : [{ path: ['method'], message: `Allowed: ${endpoint.methods.join(', ')}` }]),
      ...parameters
        .filter((parameter) => parameter.required)
        .filter((parameter) => {
          const given = { path: request.path, query: request.query, header: request.headers }[parameter.in] ?? {};
          return given[parameter.name] === undefined || given[parameter.name] === '';
        })
        .map((parameter) => ({ path: [parameter.in === 'header' ? 'headers' : parameter.in, parameter.name], message: 'Required' })),
    ];
    if (issues.length) throw new InvalidRequestException(issues);
    const connector = await this.connectors.rowOrThrow(endpoint.connectorId);
    return this.outbound.send(connector, {
      method: request.method,
      path: expandPathTemplate(endpoint.path, request.path ?? {}),
      query: request.query,
      headers: request.headers,
      body: request.body,
    });
  }
}
