// Runs the lender sandbox as a process: `node -r @swc-node/register libs/sandbox/src/lender/main.ts`.
// Settle's ingest must be given LENDER_CHECKOUT_URL=<this sandbox>/checkout.
import { LenderSandbox } from './lender-sandbox';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const port = Number(process.env.LENDER_SANDBOX_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`LENDER_SANDBOX_PORT must be a port number, got ${process.env.LENDER_SANDBOX_PORT}`);
  }
  // Without a Settle tenant the sandbox serves only its platform API (seeded accounts) and no checkout.
  const withCheckout = Boolean(process.env.SETTLE_TENANT_ID);
  const sandbox = await LenderSandbox.start({
    port,
    host: process.env.LENDER_SANDBOX_HOST,
    apiToken: process.env.LENDER_API_TOKEN,
    settle: withCheckout
      ? {
          ingestUrl: process.env.SETTLE_INGEST_URL ?? 'http://127.0.0.1:3000',
          adminToken: required('SETTLE_ADMIN_TOKEN'),
          tenantId: required('SETTLE_TENANT_ID'),
          webhookSecret: required('SETTLE_WEBHOOK_SECRET'),
        }
      : undefined,
  });
  // The lender's own account references, comma-separated: the accounts Settle may collect for.
  if (withCheckout) for (const ref of (process.env.LENDER_ACCOUNTS ?? '').split(',').filter(Boolean)) sandbox.registerAccount(ref.trim());
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'lender sandbox listening', checkoutUrl: sandbox.checkoutUrl, platformUrl: sandbox.url, accounts: sandbox.platform.refs().length })}\n`,
  );

  const shutdown = (): void => void sandbox.stop();
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'lender sandbox failed', error: String(err) })}\n`);
  process.exitCode = 1;
});
