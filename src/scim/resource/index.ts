export * from './resource-type-context';
export * from './common-attributes';
export * from './normalize';
export * from './immutable';
export * from './projection';
export { isDateTime, isBase64 } from './value-types';
export * from './custom-schemas';
export * from './lookup-keys';
