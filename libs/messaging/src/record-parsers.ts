import { FieldError, LenderEvent, TopicSpec, parseEvent, validateLenderEvent, UUID_PATTERN } from '@settle/contracts';
import { IncomingRecord } from './broker';
import { HEADERS } from './headers';

/** A record read off a topic: the value a handler receives and the id the inbox de-duplicates on. */
export type ParsedRecord = { ok: true; id: string; value: unknown } | { ok: false; errors: FieldError[] };

/** What arrives on `platform.events.v1`: a lender event, attributed to the tenant named in the header. */
export interface TenantLenderEvent {
  tenantId: string;
  event: LenderEvent;
}

export function parseRecord(spec: TopicSpec, record: IncomingRecord): ParsedRecord {
  return spec.format === 'lender-event' ? parseLenderRecord(record) : parseEnvelopeRecord(record);
}

function parseEnvelopeRecord(record: IncomingRecord): ParsedRecord {
  const parsed = parseEvent(record.value);
  return parsed.ok ? { ok: true, id: parsed.event.id, value: parsed.event } : parsed;
}

function parseLenderRecord(record: IncomingRecord): ParsedRecord {
  const tenantId = record.headers[HEADERS.tenantId];
  if (!tenantId || !UUID_PATTERN.test(tenantId)) {
    return { ok: false, errors: [{ field: `headers.${HEADERS.tenantId}`, problem: 'must name the tenant by its UUID' }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(record.value?.toString() ?? '');
  } catch (error) {
    return { ok: false, errors: [{ field: '$', problem: `not JSON: ${(error as Error).message}` }] };
  }
  const parsed = validateLenderEvent(json);
  if (!parsed.ok) return parsed;
  const value: TenantLenderEvent = { tenantId, event: parsed.value };
  return { ok: true, id: `${tenantId}:${parsed.value.eventId}`, value };
}
