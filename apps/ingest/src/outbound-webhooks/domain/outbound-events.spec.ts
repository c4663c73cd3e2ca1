import { EVENTS, EventEnvelope, newEvent } from '@settle/contracts';
import { OUTBOUND_EVENT_TYPES, OUTBOUND_MAPPINGS, OUTBOUND_SOURCE_TOPICS, endpointWants, outboundEventId, outboundEventsFor } from './outbound-events';

const tenantId = '0b9c7c55-2a4e-4f59-8f3c-6f1d2a3b4c5d';
const accountId = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const caseId = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';
const stepId = '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b';
const origin = { tenantId, accountId, caseId, producer: 'scheduler' as const, occurredAt: new Date('2026-03-02T10:00:00Z') };

describe('outbound event mapping', () => {
  const statusChange = (to: 'promised' | 'plan_agreed' | 'resolved' | 'reminding', from: 'reminding' | 'opened' = 'reminding') =>
    newEvent(EVENTS.caseStatusChanged, origin, { caseId, from, to, reason: 'the debtor said: call me on +4915112345678', causeEventId: stepId });

  it('maps each outcome to its public type with ids, amounts and statuses only', () => {
    expect(outboundEventsFor(statusChange('promised'))).toEqual([
      expect.objectContaining({ type: 'case.promise_to_pay', tenantId, occurredAt: '2026-03-02T10:00:00.000Z', apiVersion: 1, data: { accountId, caseId, status: 'promised', previousStatus: 'reminding' } }),
    ]);
    // A plan's agreement comes with its terms from plan.events.v1; the bare status change adds nothing.
    expect(outboundEventsFor(statusChange('plan_agreed'))).toEqual([]);
    expect(outboundEventsFor(statusChange('resolved'))[0].type).toBe('case.resolved');

    const escalated = newEvent(EVENTS.caseEscalated, origin, { caseId, reason: 'Anna asked for a human', amountDue: { amountMinor: 4250, currency: 'EUR' }, contactsSent: 3, suggestedNextStep: 'call Anna' });
    expect(outboundEventsFor(escalated)[0]).toMatchObject({ type: 'case.escalated', data: { accountId, caseId, amountDue: { amountMinor: 4250, currency: 'EUR' }, contactsSent: 3 } });

    const closed = newEvent(EVENTS.caseClosed, origin, { caseId, outcome: 'resolved', reason: 'paid', amountRecovered: { amountMinor: 4250, currency: 'EUR' }, contactsSent: 2 });
    expect(outboundEventsFor(closed)[0].data).toEqual({ accountId, caseId, outcome: 'resolved', amountRecovered: { amountMinor: 4250, currency: 'EUR' }, contactsSent: 2 });

    const opened = newEvent(EVENTS.paymentLinkOpened, { ...origin, producer: 'ingest' }, { caseId, stepId, code: 'AbCdEf123456', channel: 'sms' });
    expect(outboundEventsFor(opened)[0]).toMatchObject({ type: 'payment_link.clicked', data: { accountId, caseId, channel: 'sms', stepId } });
    const checkout = newEvent(EVENTS.paymentLinkCheckoutStarted, { ...origin, producer: 'ingest' }, { caseId, code: 'AbCdEf123456', channel: 'email', amount: { amountMinor: 100, currency: 'GBP' } });
    expect(outboundEventsFor(checkout)[0]).toMatchObject({ type: 'payment_link.checkout_started', data: { stepId: null, amount: { amountMinor: 100, currency: 'GBP' } } });
  });

  it('maps plan outcomes with their terms and the tenant’s own references', () => {
    const planOrigin = { ...origin, producer: 'negotiation' as const };
    const fact = { planId: stepId, externalAccountRef: 'ACC-1001', caseId };
    const agreed = newEvent(EVENTS.planAgreed, planOrigin, {
      ...fact, source: 'voice', kind: 'term_extension', lenderPlanRef: 'PLAN-77', agreedAt: '2026-03-02T10:00:00Z',
      total: { amountMinor: 9000, currency: 'EUR' }, fee: { amountMinor: 0, currency: 'EUR' },
      instalments: [{ number: 1, dueDate: '2026-04-01', amount: { amountMinor: 4500, currency: 'EUR' } }, { number: 2, dueDate: '2026-05-01', amount: { amountMinor: 4500, currency: 'EUR' } }],
    });
    expect(outboundEventsFor(agreed)[0]).toMatchObject({
      type: 'plan.agreed',
      data: { accountId, caseId, planId: stepId, externalAccountRef: 'ACC-1001', lenderPlanRef: 'PLAN-77', kind: 'term_extension', source: 'voice', total: { amountMinor: 9000, currency: 'EUR' }, agreedAt: '2026-03-02T10:00:00Z' },
    });
    expect((outboundEventsFor(agreed)[0].data.instalments as unknown[]).length).toBe(2);
    const completed = newEvent(EVENTS.planCompleted, planOrigin, { ...fact, totalPaid: { amountMinor: 9000, currency: 'EUR' } });
    expect(outboundEventsFor(completed)[0]).toMatchObject({ type: 'plan.completed', data: { planId: stepId, totalPaid: { amountMinor: 9000, currency: 'EUR' } } });
    const broken = newEvent(EVENTS.planBroken, planOrigin, { ...fact, missesSoFar: 2, reason: 'Anna lost her job', outstanding: { amountMinor: 4500, currency: 'EUR' } } as never);
    expect(outboundEventsFor(broken)[0]).toMatchObject({ type: 'plan.broken', data: { missesSoFar: 2, outstanding: { amountMinor: 4500, currency: 'EUR' } } });
    expect(JSON.stringify(outboundEventsFor(broken))).not.toContain('Anna');
  });

  it('never carries free text, contact details or link codes', () => {
    const events: EventEnvelope[] = [
      statusChange('promised'),
      newEvent(EVENTS.caseEscalated, origin, { caseId, reason: 'Anna asked for a human', amountDue: { amountMinor: 1, currency: 'EUR' }, contactsSent: 1, suggestedNextStep: 'call Anna' }),
      newEvent(EVENTS.paymentLinkOpened, { ...origin, producer: 'ingest' }, { caseId, code: 'AbCdEf123456', channel: 'sms' }),
    ];
    for (const event of events) {
      const text = JSON.stringify(outboundEventsFor(event));
      expect(text).not.toMatch(/Anna|\+49|AbCdEf123456|reason|suggested/);
    }
  });

  it('ignores events that are not outcomes', () => {
    expect(outboundEventsFor(statusChange('reminding'))).toEqual([]);
    const opened = newEvent(EVENTS.caseOpened, origin, { caseId, cause: 'instalment_missed', amountDue: { amountMinor: 1, currency: 'EUR' }, daysPastDue: 1, workflowId: 'default' });
    expect(outboundEventsFor(opened)).toEqual([]);
    expect(outboundEventsFor({ ...statusChange('resolved'), version: 2 })).toEqual([]);
  });

  it('gives a stable id: the same event maps to the same webhook id every time, different events or types to different ids', () => {
    const event = statusChange('resolved');
    expect(outboundEventsFor(event)[0].id).toBe(outboundEventsFor(JSON.parse(JSON.stringify(event)))[0].id);
    expect(outboundEventsFor(event)[0].id).toBe(outboundEventId(event.id, 'case.resolved'));
    expect(outboundEventId(event.id, 'case.closed')).not.toBe(outboundEventId(event.id, 'case.resolved'));
    expect(outboundEventsFor(statusChange('resolved'))[0].id).not.toBe(outboundEventsFor(event)[0].id);
    expect(outboundEventsFor(event)[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('lists each public type once, and each source topic once', () => {
    expect(OUTBOUND_EVENT_TYPES).toEqual([
      'payment_link.clicked', 'payment_link.checkout_started', 'case.promise_to_pay', 'case.resolved', 'case.escalated', 'case.closed', 'plan.agreed', 'plan.completed', 'plan.broken',
    ]);
    expect([...OUTBOUND_SOURCE_TOPICS].sort()).toEqual(['case.events.v1', 'paylink.events.v1', 'plan.events.v1']);
    for (const m of OUTBOUND_MAPPINGS) expect(m.type).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });

  it('lets a new row add an outcome without touching the rest', () => {
    const extra = [...OUTBOUND_MAPPINGS, { source: EVENTS.caseOpened, type: 'case.opened', data: () => ({}) }];
    const opened = newEvent(EVENTS.caseOpened, origin, { caseId, cause: 'instalment_missed', amountDue: { amountMinor: 1, currency: 'EUR' }, daysPastDue: 1, workflowId: 'default' });
    expect(outboundEventsFor(opened, extra).map((e) => e.type)).toEqual(['case.opened']);
  });

  it('filters per endpoint: empty means every type', () => {
    expect(endpointWants([], 'case.resolved')).toBe(true);
    expect(endpointWants(['case.resolved'], 'case.resolved')).toBe(true);
    expect(endpointWants(['case.closed'], 'case.resolved')).toBe(false);
  });
});
