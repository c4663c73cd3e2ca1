// Runs the SNS sandbox as a process: `node -r @swc-node/register libs/sandbox/src/sns/main.ts`.
import { SnsSandbox } from './sns-sandbox';

async function main(): Promise<void> {
  const port = Number(process.env.SNS_SANDBOX_PORT ?? 4566);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SNS_SANDBOX_PORT must be a port number, got ${process.env.SNS_SANDBOX_PORT}`);
  }
  const sandbox = await SnsSandbox.start({ port, host: process.env.SNS_SANDBOX_HOST });
  // Where to post SMS delivery-status receipts (the sms service's /v1/sms/delivery-status?token=…); unset: none.
  if (process.env.SNS_SANDBOX_RECEIPT_URL) sandbox.sendReceiptsTo(process.env.SNS_SANDBOX_RECEIPT_URL);
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'sns sandbox listening', endpoint: sandbox.endpoint })}\n`);

  // Once the server is closed nothing keeps the event loop alive, so the process exits with code 0.
  const shutdown = (): void => void sandbox.stop();
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'sns sandbox failed', error: String(err) })}\n`);
  process.exitCode = 1;
});
