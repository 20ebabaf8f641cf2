import { AttributeDefinition, SchemaDefinition } from '../schemas';
import { ResourceSchemas, UnknownAttributePolicy } from './resource-type-context';

/** What one identity server adds to a resource type: attributes in the core namespace, extensions, a policy. */
export interface CustomSchemas {
  /** Attributes added to the core schema's namespace (e.g. Secoda's `…:core:2.0:User:secodaRole`). */
  readonly core?: readonly AttributeDefinition[];
  /** Extension schemas added to the resource type, each optional. */
  readonly extensions?: readonly SchemaDefinition[];
  readonly unknownAttributes?: UnknownAttributePolicy;
}

/**
 * The resource type's schemas with a server's additions: the core schema keeps its URN and gains
 * attributes, extensions follow the built-in ones. The caller checks that names do not clash.
 */
export function extendResourceSchemas(base: ResourceSchemas, custom: CustomSchemas): ResourceSchemas {
  const added = custom.core ?? [];
  const core: SchemaDefinition =
    added.length === 0
      ? base.core
      : Object.freeze({ ...base.core, attributes: Object.freeze([...base.core.attributes, ...added]) });
  return Object.freeze({
    core,
    extensions: Object.freeze([...base.extensions, ...(custom.extensions ?? [])]),
    ...(base.requiredExtensions && { requiredExtensions: base.requiredExtensions }),
    unknownAttributes: custom.unknownAttributes ?? base.unknownAttributes ?? 'ignore',
  });
}
