import { oneLine } from './html';

export interface Mailbox {
  name: string;
  address: string;
}

/** `Name <address>` (the name optionally in double quotes) or a bare address, as EMAIL_FROM and a command's `from` are written. */
export function parseSender(sender: string): { name?: string; address: string } {
  const named = /^(.*)<([^<>]+)>\s*$/.exec(sender.trim());
  if (!named) return { address: sender.trim() };
  const name = oneLine(named[1]).replace(/^"(.*)"$/, '$1').trim();
  return { ...(name ? { name } : {}), address: named[2].trim() };
}

/**
 * The From header of one email: the tenant's sender when the command carries one (its own name, or
 * the brand when it gave a bare address), else the brand at the service's own address. The
 * envelope sender is never this: it stays the service's (see EmailDeliveryService).
 */
export function headerFrom(commandFrom: string | undefined, brandName: string, serviceAddress: string): Mailbox {
  const tenant = commandFrom ? parseSender(commandFrom) : undefined;
  return { name: tenant?.name ?? oneLine(brandName), address: tenant?.address ?? serviceAddress };
}
