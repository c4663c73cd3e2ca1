export { createServiceDataSource, initializeServiceDataSource, ServiceDataSourceOptions } from './data-source';
export { DataSource, EntityManager } from 'typeorm';
