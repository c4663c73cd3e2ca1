import 'reflect-metadata';
import { startService } from '@settle/service-kit';
import { INGEST_SERVICE, IngestModule } from '../apps/ingest/src/ingest.module';
import { createTestDatabase, createTestKafka } from '@settle/testing';
(async () => {
  const db = await createTestDatabase('smoke');
  const k = await createTestKafka('smoke');
  const svc = await startService(INGEST_SERVICE, IngestModule, { port: 0, env: { DATABASE_URL: db.url, KAFKA_BROKERS: k.brokers, KAFKA_TOPIC_PREFIX: k.prefix, INGEST_ADMIN_TOKEN: 'x'.repeat(30) } });
  const h = await fetch(svc.url + '/health'); console.log(h.status, await h.text());
  const m = await fetch(svc.url + '/metrics'); console.log(m.status, (await m.text()).split('\n').filter(l=>l.startsWith('settle_')).slice(0,5));
  const t = await fetch(svc.url + '/v1/admin/tenants', {method:'POST', headers:{authorization:'Bearer '+'x'.repeat(30), 'content-type':'application/json'}, body: JSON.stringify({displayName:'Acme'})}); console.log(t.status, await t.text());
  const b = await fetch(svc.url + '/v1/webhooks/lender-events', {method:'POST', headers:{'content-type':'application/json'}, body: '{bad'}); console.log(b.status, await b.text());
  await svc.stop(); await db.drop(); console.log('stopped');
})().catch(e => { console.error(e); process.exit(1); });
