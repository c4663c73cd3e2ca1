// Runs the Telnyx sandbox as a process: `node -r @swc-node/register libs/sandbox/src/telnyx/main.ts`.
// Prints the settings the voice service needs (TELNYX_API_URL, TELNYX_API_KEY, TELNYX_PUBLIC_KEY).
import { TelnyxSandbox } from './telnyx-sandbox';

async function main(): Promise<void> {
  const port = Number(process.env.TELNYX_SANDBOX_PORT ?? 4570);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`TELNYX_SANDBOX_PORT must be a port number, got ${process.env.TELNYX_SANDBOX_PORT}`);
  const sandbox = await TelnyxSandbox.start({ port, host: process.env.TELNYX_SANDBOX_HOST, apiKey: process.env.TELNYX_SANDBOX_API_KEY });
  // Who answers: a person who verifies with postcode digits 101 and asks for the link, unless configured otherwise.
  const utterances = (process.env.TELNYX_SANDBOX_UTTERANCES ?? 'Yes, speaking.|It is 101.|Yes please, send me the link.').split('|');
  sandbox.setDefaultScript(process.env.TELNYX_SANDBOX_ANSWER === 'machine' ? { answer: 'machine' } : process.env.TELNYX_SANDBOX_ANSWER === 'none' ? { answer: 'none' } : { answer: 'human', utterances });
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'telnyx sandbox listening', TELNYX_API_URL: sandbox.apiUrl, TELNYX_API_KEY: sandbox.apiKey, TELNYX_PUBLIC_KEY: sandbox.publicKey })}\n`);
  const shutdown = (): void => void sandbox.stop();
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'telnyx sandbox failed', error: String(err) })}\n`);
  process.exitCode = 1;
});
