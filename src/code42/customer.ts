// The customer (tenant) the API client belongs to (incydr-api.md §2.1).
import type { Customer, CustomerApi } from './api';
import { decoder, nullable, object, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import type { Transport } from './transport';

const customer = decoder<Customer>(object({ name: STRING, tenantId: STRING }, { registrationKey: nullable(STRING) }));

export class CustomerArea implements CustomerApi {
  constructor(private readonly transport: Transport) {}

  get(): Promise<Customer> {
    return this.transport.json({ endpoint: ENDPOINTS.customer, operation: 'read the Code42 customer' }, customer);
  }
}
