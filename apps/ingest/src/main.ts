import 'reflect-metadata';
import { runService } from '@settle/service-kit';
import { INGEST_SERVICE, IngestModule } from './ingest.module';

runService(INGEST_SERVICE, IngestModule);
