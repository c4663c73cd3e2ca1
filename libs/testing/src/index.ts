export { createTestDatabase, TestDatabase } from './test-database';
export { createTestKafka, readTopic, retryingTopicAdmin, TestKafka, ConsumedRecord } from './test-kafka';
export { waitFor } from './wait-for';
export { freePort } from './free-port';
export { CHROMIUM, launchChromium } from './chromium';
