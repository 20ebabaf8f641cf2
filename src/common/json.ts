/**
 * A JSON document stored in a jsonb column. `any`, not `unknown`, because TypeORM's insert/update
 * typings cannot map `unknown` members; the mappers give it shape on the way out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonDocument = Record<string, any>;
