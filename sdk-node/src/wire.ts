/**
 * The wire types of broker-api's `/v1` answers, generated from its OpenAPI document
 * (`api-model/src/main/resources/io/authpipe/api/openapi.json`) into `generated/openapi.ts` at build time.
 */
import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];

export type CredentialBody = Schemas['CredentialBody'];
export type Account = Schemas['Account'];
export type RefreshState = Schemas['RefreshState'];
export type HealthState = Schemas['HealthState'];
export type ErrorBody = Schemas['ErrorBody'];
export type ConnectionChange = Schemas['ConnectionChange'];
