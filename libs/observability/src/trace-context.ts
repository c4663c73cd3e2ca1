import { randomBytes } from 'node:crypto';

/**
 * W3C Trace Context (`traceparent`) carried in Kafka headers and HTTP headers, so one account's
 * journey can be followed across services. Only opaque ids travel here.
 */
export interface TraceContext {
  traceId: string;
  spanId: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export function parseTraceparent(header: string | undefined | null): TraceContext | undefined {
  const match = header ? TRACEPARENT.exec(header.trim()) : null;
  return match ? { traceId: match[1], spanId: match[2] } : undefined;
}

/** A child span of `parent`, or the root of a new trace. */
export function childTrace(parent?: TraceContext): TraceContext {
  return { traceId: parent?.traceId ?? randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
}

export function formatTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-01`;
}
