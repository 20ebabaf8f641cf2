export * from './types';
export * from './attribute';
export * from './user.schema';
export * from './group.schema';
export * from './enterprise-user.schema';
export * from './schema-resource';
export * from './resource-types';
export * from './service-provider-config';
