// Runs the OpenAI-compatible sandbox as a process: `node -r @swc-node/register libs/sandbox/src/openai/main.ts`.
// Without a script it answers every request with a short text; point LLM_BASE_URL at `<url>/v1`.
import { OpenAiSandbox } from './openai-sandbox';

async function main(): Promise<void> {
  const port = Number(process.env.OPENAI_SANDBOX_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`OPENAI_SANDBOX_PORT must be a port number, got ${process.env.OPENAI_SANDBOX_PORT}`);
  const sandbox = await OpenAiSandbox.start({ port, host: process.env.OPENAI_SANDBOX_HOST, apiKey: process.env.OPENAI_SANDBOX_KEY });
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'openai sandbox listening', baseURL: sandbox.baseURL })}\n`);
  const shutdown = (): void => void sandbox.stop();
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'openai sandbox failed', error: String(err) })}\n`);
  process.exitCode = 1;
});
