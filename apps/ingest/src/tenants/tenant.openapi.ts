import { BRAND_TONES } from './tenant.dto';
import { SCOPES } from '../auth/scopes';

/** OpenAPI schemas of the tenant admin API (the DTOs are class-validator classes; these describe them for the document). */
const nullableString = (extra: Record<string, unknown>) => ({ type: 'string', nullable: true, ...extra });

const PROFILE_PROPERTIES = {
  displayName: { type: 'string', minLength: 1, maxLength: 120, example: 'Klarlich Pay' },
  brandColour: nullableString({ pattern: '^#[0-9a-fA-F]{6}$', example: '#0a6e4f' }),
  logoUrl: nullableString({ format: 'uri', maxLength: 2048, description: 'https only.', example: 'https://cdn.lender.example/logo.svg' }),
  defaultLanguage: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Z]{2})?$', default: 'en', example: 'de-AT' },
  defaultTone: { type: 'string', enum: [...BRAND_TONES], default: 'neutral', description: 'The brand voice.' },
  jurisdictions: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', pattern: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$' }, example: ['AT', 'DE'] },
  smsSenderId: nullableString({ pattern: '^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{1,9}[A-Za-z0-9]$', example: 'Klarlich' }),
  smsOriginationNumber: nullableString({ description: 'E.164.', example: '+43676123456' }),
  emailFrom: nullableString({ maxLength: 200, example: 'Klarlich Pay <zahlung@klarlich.example>' }),
  callbackPhone: nullableString({ description: 'E.164.', example: '+43800123456' }),
};

export const CREATE_TENANT_SCHEMA = { type: 'object', required: ['displayName'], properties: PROFILE_PROPERTIES };
export const UPDATE_TENANT_SCHEMA = {
  type: 'object',
  description: 'Only the fields given change; null clears a nullable one.',
  properties: PROFILE_PROPERTIES,
};

export const TENANT_SCHEMA = {
  type: 'object',
  properties: {
    tenantId: { type: 'string', format: 'uuid' },
    ...PROFILE_PROPERTIES,
    webhookSecretRotation: { type: 'object', properties: { previousSecretValidUntil: { type: 'string', format: 'date-time', nullable: true } } },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

export const CREATED_TENANT_SCHEMA = {
  allOf: [TENANT_SCHEMA, { type: 'object', properties: { webhookSecret: { type: 'string', description: 'The inbound webhook signing secret, shown only here.' } } }],
};

export const ROTATED_SECRET_SCHEMA = {
  type: 'object',
  properties: {
    webhookSecret: { type: 'string', description: 'The new secret, shown only here.' },
    previousSecretValidUntil: { type: 'string', format: 'date-time' },
  },
};

export const CREATE_API_KEY_SCHEMA = {
  type: 'object',
  required: ['name', 'scopes'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 120 },
    scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...SCOPES] }, description: '`admin` implies the others.' },
  },
};

export const API_KEY_SCHEMA = {
  type: 'object',
  properties: {
    keyId: { type: 'string', format: 'uuid' },
    tenantId: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    prefix: { type: 'string', description: 'The non-secret start of the key.' },
    scopes: { type: 'array', items: { type: 'string', enum: [...SCOPES] } },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};

export const CREATED_API_KEY_SCHEMA = {
  allOf: [API_KEY_SCHEMA, { type: 'object', properties: { key: { type: 'string', description: '`settle_sk_…`, shown only here; send as `Authorization: Bearer <key>`.' } } }],
};
