import { ScimError } from '../errors/scim-error';
import {
  AttrPath,
  BoundPatchPath,
  Filter,
  PatchPath,
  SchemaContext,
  bindPatchPath,
  findByName,
  matches,
} from '../filter';
import { isStorableUnknown, ResourceSchemas, UnknownAttributePolicy } from '../resource/resource-type-context';
import { resolvePath } from '../resource/schema-paths';
import { AttributeDefinition, SchemaDefinition } from '../schemas/types';
import { qualifiedName, qualifiedPath } from '../compat/qualify';
import { deferOperation, isDeferred } from './deferred';
import {
  Slot,
  checkTransition,
  demoteOtherPrimaries,
  ensureHolder,
  holderOf,
  mutability,
  readSlot,
  slotOf,
  tidySlot,
} from './document';
import { elementFromFilter } from './filter-target';
import { ApplyOptions, DeferredOperation, PatchOpName, PatchOperation } from './types';
import { canonicalElement, isUnassigned, sameElement, sameSimple, withoutNulls } from './values';
import { isJsonObject } from '../json';

/*
 * The PATCH engine, RFC 7644 §3.5.2: one Patcher applies the operations of one request, in order,
 * to a private copy of the resource. Every change of a top-level attribute goes through `edit`, which
 * enforces the invariants (required, immutable, one primary) and tidies unassigned values away.
 *
 * Decisions where the RFC is silent or loose (callers: see also ApplyOptions / PatchResult in types.ts):
 * - `null` as a value means "unassigned" (RFC 7643 §2.5): replace (or add to a single-valued
 *   attribute) with null removes; a null sub-attribute in a merged object removes that
 *   sub-attribute; add of null to a multi-valued attribute adds nothing. `""` written to a
 *   single-valued simple attribute removes it too when a leniency permits (Entra), else is kept.
 * - replace on a single-valued complex attribute merges: "Sub-attributes that are not specified in
 *   the 'value' parameter are left unchanged" (§3.5.2.3); so does a replace with a value filter.
 * - `schemas` is never patched by path (400 mutability): the engine keeps it in step with the
 *   extension objects present; in a path-less value it is ignored like the readOnly attributes.
 * - `attr.sub` on a multi-valued attribute without a value filter is 400 invalidPath.
 * - A remove `value` is honoured only for a multi-valued attribute path without a filter; elements
 *   are matched by their `value` sub-attribute (whole-element equality when there is none).
 * - Removing an immutable attribute that has a value is refused like changing it (400 mutability).
 * - A path to a readOnly attribute is 400 mutability; readOnly or unknown attributes of a path-less
 *   value (or of an extension object) are ignored and reported; readOnly or unknown sub-attributes
 *   inside values are left for the normalizer, which drops them.
 * - Attributes no schema defines follow the schemas' `unknownAttributes` policy, by path or inside a
 *   path-less value alike: 'ignore' (default) skips and reports them (in `ignored` and `unknown`),
 *   'reject' is 400 (invalidPath for a path, invalidValue inside a value), 'store' sets or removes a
 *   top-level plain name as sent.
 * - When an extension object loses its last attribute it is dropped with its URN in `schemas`
 *   (unless the resource type requires the extension); creating one lists its URN.
 */

type AttributePath = Extract<BoundPatchPath, { kind: 'attribute' }>;
type Mutate = (holder: Record<string, unknown>, touched: Set<object>) => void;

function invalidValue(detail: string): ScimError {
  return ScimError.badRequest('invalidValue', detail);
}

/** Applies operations to `doc` in place (see applyPatch). */
export class Patcher {
  readonly deferred: DeferredOperation[] = [];
  readonly ignored: string[] = [];
  readonly unknown: string[] = [];
  private readonly ctx: SchemaContext;
  private readonly deferredNames: readonly string[];
  private index = 0;

  constructor(
    private readonly doc: Record<string, unknown>,
    private readonly schemas: ResourceSchemas,
    private readonly options: ApplyOptions,
  ) {
    this.ctx = { core: schemas.core, extensions: schemas.extensions };
    this.deferredNames = options.deferred ?? [];
  }

  private get policy(): UnknownAttributePolicy {
    return this.schemas.unknownAttributes ?? 'ignore';
  }

  /** An attribute no schema defines, named by a path-less value's key or (not under 'reject') by a path. */
  private unknownAttribute(op: PatchOpName, written: string, value: unknown): void {
    if (this.policy === 'reject') throw invalidValue(`Unknown attribute "${written}"`);
    if (this.policy === 'store' && isStorableUnknown(written)) {
      const existing = Object.keys(this.doc).find((key) => key.toLowerCase() === written.toLowerCase());
      if (existing !== undefined) delete this.doc[existing];
      if (op !== 'remove' && value !== null && value !== undefined) this.doc[existing ?? written] = value;
      return;
    }
    this.ignored.push(written);
    this.unknown.push(written);
  }

  /** `manager` → `<enterprise URN>:manager` when the leniency allows it (Entra's documented PATCH). */
  private qualified(path: PatchPath): PatchPath {
    const qualified = qualifiedPath(path.path, this.schemas, this.options.leniency);
    return qualified === path.path ? path : { ...path, path: qualified };
  }

  /** A path whose attribute (`[urn:]attr`, before any filter or sub-attribute) no schema defines. */
  private namesUnknown(path: PatchPath): boolean {
    const { uri, attr } = path.path;
    if (uri === undefined && attr.toLowerCase() === 'schemas') return false;
    return resolvePath(uri === undefined ? attr : `${uri}:${attr}`, this.schemas) === undefined;
  }

  /** Applies one operation; throws a ScimError (without the `Operations[i]: ` prefix). */
  apply(operation: PatchOperation): void {
    this.index = operation.index;
    const { op, value } = operation;
    const path = operation.path === undefined ? undefined : this.qualified(operation.path);
    if (path === undefined) {
      if (op === 'remove') {
        throw ScimError.badRequest('noTarget', '"remove" needs a "path"');
      }
      this.applyPathless(op, value);
      return;
    }
    if (this.policy !== 'reject' && this.namesUnknown(path)) {
      // Only a whole plain attribute can be stored; `attr.sub` or `attr[…]` of an unknown one is ignored.
      const whole = !path.filter && path.path.sub === undefined && path.subAttr === undefined;
      this.unknownAttribute(op, whole ? path.path.text : path.text, whole ? value : undefined);
      return;
    }
    const bound = bindPatchPath(path, this.ctx);
    if (bound.kind === 'extension') {
      this.applyExtension(op, bound.schema, value, path.text);
      return;
    }
    this.applyPath(op, bound, value, path);
  }

  // ---- path-less add / replace (§3.5.2.1, §3.5.2.3: "the target location is assumed to be the resource itself")

  private applyPathless(op: PatchOpName, value: unknown): void {
    if (!isJsonObject(value)) {
      throw invalidValue('"value" must be an object of attributes when "path" is omitted');
    }
    for (const [key, item] of Object.entries(value)) {
      const target =
        key.toLowerCase() === 'schemas' ? undefined : (resolvePath(key, this.schemas) ?? this.qualifiedKey(key));
      if (target === undefined && key.toLowerCase() === 'schemas') {
        this.ignored.push(key);
      } else if (target === undefined) {
        this.unknownAttribute(op, key, item);
      } else if (target.attribute === undefined) {
        this.applyExtension(op, target.extension as SchemaDefinition, item, key);
      } else {
        this.applyNamed(op, slotOf(target.attribute, target.extension), target.sub, item, key);
      }
    }
  }

  /** A path-less value's key that names an extension attribute without its URN, resolved (when the leniency allows). */
  private qualifiedKey(key: string): ReturnType<typeof resolvePath> {
    const name = qualifiedName(key, this.schemas, this.options.leniency);
    return name === undefined ? undefined : resolvePath(name, this.schemas);
  }

  /** One attribute of a path-less value or of an extension object: readOnly and odd keys are ignored. */
  private applyNamed(
    op: PatchOpName,
    slot: Slot,
    sub: AttributeDefinition | undefined,
    value: unknown,
    written: string,
  ): void {
    if (isDeferred(slot, this.deferredNames)) {
      if (sub !== undefined) {
        this.ignored.push(written);
        return;
      }
      this.defer(deferOperation(slot, undefined, { op, value, index: this.index }, this.options.leniency));
      return;
    }
    if (
      slot.def.mutability === 'readOnly' ||
      sub?.mutability === 'readOnly' ||
      (sub !== undefined && slot.def.multiValued)
    ) {
      this.ignored.push(written);
      return;
    }
    if (sub !== undefined) {
      this.writeSub(op, slot, sub, value);
    } else {
      this.write(op, slot, value);
    }
  }

  private applyExtension(op: PatchOpName, extension: SchemaDefinition, value: unknown, written: string): void {
    if (op === 'remove' || (value === null && op === 'replace')) {
      this.removeExtension(extension);
      return;
    }
    if (value === null) {
      return;
    }
    if (!isJsonObject(value)) {
      throw invalidValue(`The value of "${extension.id}" must be an object of its attributes`);
    }
    for (const [name, item] of Object.entries(value)) {
      const def = findByName(extension.attributes, name);
      if (def === undefined) {
        if (this.policy === 'reject') throw invalidValue(`Unknown attribute "${written}:${name}"`);
        this.ignored.push(`${written}:${name}`);
        this.unknown.push(`${written}:${name}`);
      } else {
        this.applyNamed(op, slotOf(def, extension), undefined, item, `${written}:${name}`);
      }
    }
  }

  private removeExtension(extension: SchemaDefinition): void {
    const urn = extension.id.toLowerCase();
    if ((this.schemas.requiredExtensions ?? []).some((required) => required.toLowerCase() === urn)) {
      throw mutability(`Extension "${extension.id}" is required and cannot be removed`);
    }
    for (const def of extension.attributes) {
      const slot = slotOf(def, extension);
      if (!isDeferred(slot, this.deferredNames)) {
        this.edit(slot, false, (holder) => delete holder[def.name]);
      }
    }
    delete this.doc[extension.id];
    if (Array.isArray(this.doc.schemas)) {
      this.doc.schemas = this.doc.schemas.filter((s) => typeof s !== 'string' || s.toLowerCase() !== urn);
    }
  }

  // ---- operations with a path to an attribute

  private applyPath(op: PatchOpName, bound: AttributePath, value: unknown, path: PatchPath): void {
    const { attribute, schema, sub } = bound.bound;
    const slot = slotOf(attribute, schema === this.schemas.core ? undefined : schema);
    if (slot.extension === undefined && attribute.name === 'schemas') {
      throw mutability('Attribute "schemas" cannot be patched: it follows the extensions present in the resource');
    }
    if (isDeferred(slot, this.deferredNames)) {
      this.defer(
        deferOperation(slot, bound, { op, value, index: this.index, pathText: path.text }, this.options.leniency),
      );
      return;
    }
    const readOnly = [attribute, sub, bound.subAttr].find((def) => def?.mutability === 'readOnly');
    if (readOnly !== undefined) {
      const name =
        readOnly === attribute
          ? slot.canonical
          : readOnly === sub
            ? bound.bound.canonical
            : `${slot.canonical}.${readOnly.name}`;
      throw mutability(`Attribute "${name}" is readOnly and cannot be modified`);
    }
    if (bound.filter !== undefined) {
      this.applyFiltered(op, slot, { filter: bound.filter, subAttr: bound.subAttr }, value, path.text);
    } else if (sub !== undefined) {
      if (attribute.multiValued) {
        throw ScimError.badRequest(
          'invalidPath',
          `Path "${path.text}": select values of the multi-valued "${slot.canonical}" with a value filter, e.g. ${example(path.path, sub)}`,
        );
      }
      this.writeSub(op, slot, sub, value);
    } else if (op === 'remove') {
      this.remove(slot, value);
    } else {
      this.write(op, slot, value);
    }
  }

  /** add / replace of a whole attribute (§3.5.2.1, §3.5.2.3). */
  private write(op: PatchOpName, slot: Slot, value: unknown): void {
    const { def } = slot;
    const name = def.name;
    if (value === null && !def.multiValued) {
      this.remove(slot, undefined);
      return;
    }
    if (
      value === '' &&
      !def.multiValued &&
      def.type !== 'complex' &&
      this.options.leniency?.permits('empty-string-as-clear')
    ) {
      // Entra clears an attribute with `{"op":"Replace","path":"title","value":""}`; strict keeps "".
      this.remove(slot, undefined);
      return;
    }
    if (def.multiValued) {
      const given = (Array.isArray(value) ? value : [value])
        .filter((item) => item !== null)
        .map((item) => element(def, item));
      if (given.length === 0) {
        if (op === 'replace') {
          this.remove(slot, undefined);
        }
        return;
      }
      this.edit(slot, true, (holder, touched) => {
        const current = holder[name];
        const next =
          op === 'replace' ? [] : Array.isArray(current) ? [...current] : current === undefined ? [] : [current];
        for (const item of given) {
          if (op === 'add' && next.some((existing) => sameElement(def, existing, item))) {
            continue;
          }
          next.push(item);
          if (isJsonObject(item)) {
            touched.add(item);
          }
        }
        holder[name] = next;
      });
      return;
    }
    if (def.type === 'complex') {
      if (Array.isArray(value) && value.length === 1 && isJsonObject(value[0]) && this.options.leniency !== undefined) {
        // Entra's documented manager update: `"value": [{"$ref": …, "value": "<id>"}]`.
        this.options.leniency.allow('single-value-as-list', () =>
          invalidValue(`The value of "${slot.canonical}" is single-valued and must be an object, not a list`),
        );
        this.write(op, slot, value[0]);
        return;
      }
      if (typeof value === 'string' && this.bareValue(slot, value)) {
        // Entra: `{"op":"Add","path":"…:manager","value":"<id>"}`; "" (Entra's "remove the manager") clears.
        if (value === '') this.remove(slot, undefined);
        else this.write(op, slot, { value });
        return;
      }
      if (!isJsonObject(value)) {
        throw invalidValue(`The value of "${slot.canonical}" must be an object of its sub-attributes`);
      }
      this.edit(slot, true, (holder) => {
        const target = isJsonObject(holder[name]) ? holder[name] : {};
        mergeInto(def, target, value, slot.canonical);
        holder[name] = target;
      });
      return;
    }
    this.edit(slot, true, (holder) => {
      holder[name] = structuredClone(value);
    });
  }

  /** Whether a bare string may stand for `{ "value": … }` of this complex attribute (recorded; refused when strict). */
  private bareValue(slot: Slot, value: string): boolean {
    const { def } = slot;
    if (
      def.name !== 'manager' ||
      findByName(def.subAttributes ?? [], 'value') === undefined ||
      this.options.leniency === undefined
    )
      return false;
    this.options.leniency.allow('manager-string', () =>
      invalidValue(
        `The value of "${slot.canonical}" must be an object such as {"value": ${JSON.stringify(value)}}, not a bare string`,
      ),
    );
    return true;
  }

  /** A sub-attribute of a single-valued complex attribute (`name.givenName`). */
  private writeSub(op: PatchOpName, slot: Slot, sub: AttributeDefinition, value: unknown): void {
    const { def } = slot;
    const removing = op === 'remove' || value === null;
    this.edit(slot, !removing, (holder) => {
      const current = holder[def.name];
      if (removing) {
        if (isJsonObject(current)) {
          delete current[sub.name];
        }
        return;
      }
      const target = isJsonObject(current) ? current : {};
      mergeInto(def, target, { [sub.name]: value }, slot.canonical);
      holder[def.name] = target;
    });
  }

  /** remove of a whole attribute (§3.5.2.2), or of the given values of a multi-valued one. */
  private remove(slot: Slot, value: unknown): void {
    const { def } = slot;
    if (value === undefined || value === null || !def.multiValued) {
      this.edit(slot, false, (holder) => delete holder[def.name]);
      return;
    }
    const given = (Array.isArray(value) ? value : [value]).map((item, i) => {
      const canonical = canonicalElement(def, item);
      if (def.type === 'complex' && !isJsonObject(canonical)) {
        throw invalidValue(`Element ${i} of the value to remove from "${slot.canonical}" must be an object`);
      }
      return canonical;
    });
    const key = def.type === 'complex' ? findByName(def.subAttributes ?? [], 'value') : undefined;
    const same = (existing: unknown, wanted: unknown): boolean =>
      key !== undefined && isJsonObject(existing) && isJsonObject(wanted) && wanted[key.name] !== undefined
        ? sameSimple(key, existing[key.name], wanted[key.name])
        : sameElement(def, existing, wanted);
    this.edit(slot, false, (holder) => {
      const current = holder[def.name];
      if (Array.isArray(current)) {
        holder[def.name] = current.filter((existing) => !given.some((wanted) => same(existing, wanted)));
      }
    });
  }

  /** Paths with a value filter: `emails[type eq "work"]`, `addresses[type eq "work"].streetAddress`. */
  private applyFiltered(
    op: PatchOpName,
    slot: Slot,
    target: { filter: Filter; subAttr: AttributeDefinition | undefined },
    value: unknown,
    text: string,
  ): void {
    const { filter, subAttr } = target;
    const { def } = slot;
    const current = readSlot(this.doc, slot);
    const list: unknown[] = Array.isArray(current) ? current : [];
    const matched = list.filter(
      (item): item is Record<string, unknown> => isJsonObject(item) && matches(filter, item, def.subAttributes ?? []),
    );
    if (op === 'remove' || value === null) {
      if (matched.length === 0) {
        return;
      }
      const gone = new Set<unknown>(matched);
      this.edit(slot, false, (holder) => {
        if (subAttr === undefined) {
          holder[def.name] = list.filter((item) => !gone.has(item));
        } else {
          matched.forEach((item) => mergeInto(def, item, { [subAttr.name]: null }, slot.canonical));
        }
      });
      return;
    }
    if (subAttr === undefined && !isJsonObject(value)) {
      throw invalidValue(`The value for path "${text}" must be an object of sub-attributes of "${slot.canonical}"`);
    }
    const changes: Record<string, unknown> =
      subAttr === undefined ? (value as Record<string, unknown>) : { [subAttr.name]: value };
    if (matched.length > 0) {
      this.edit(slot, false, (_holder, touched) => {
        for (const item of matched) {
          mergeInto(def, item, changes, slot.canonical);
          touched.add(item);
        }
      });
      return;
    }
    const noTarget = () =>
      ScimError.badRequest('noTarget', `No value of "${slot.canonical}" matches the filter of path "${text}"`);
    const creatable = this.options.createMissingFilterTarget === true || this.options.leniency !== undefined;
    const created = creatable ? elementFromFilter(filter, def) : undefined;
    if (created === undefined) {
      throw noTarget();
    }
    if (this.options.createMissingFilterTarget !== true) {
      this.options.leniency?.allow('typed-element-created', noTarget);
    }
    this.edit(slot, true, (holder, touched) => {
      mergeInto(def, created, changes, slot.canonical);
      const existing = holder[def.name];
      holder[def.name] = [...(Array.isArray(existing) ? existing : []), created];
      touched.add(created);
    });
  }

  // ---- plumbing

  /**
   * Changes one top-level attribute: `mutate` runs on its holder (created when `create`; when
   * absent and not `create`, nothing happens); then one primary, required / immutable, tidy-up.
   */
  private edit(slot: Slot, create: boolean, mutate: Mutate): void {
    const existing = holderOf(this.doc, slot);
    if (existing === undefined && !create) {
      return;
    }
    const before = guarded(slot.def) ? structuredClone(existing?.[slot.def.name]) : undefined;
    const holder = existing ?? ensureHolder(this.doc, slot, this.schemas);
    const touched = new Set<object>();
    mutate(holder, touched);
    if (slot.def.multiValued) {
      demoteOtherPrimaries(slot.def, holder[slot.def.name], touched);
    }
    if (guarded(slot.def)) {
      checkTransition(slot, before, holder[slot.def.name]);
    }
    tidySlot(this.doc, slot, this.schemas);
  }

  private defer(operation: DeferredOperation | undefined): void {
    if (operation !== undefined) {
      this.deferred.push(operation);
    }
  }
}

/** Whether changes of `def` need the before / after check of checkTransition. */
function guarded(def: AttributeDefinition): boolean {
  const special = (d: AttributeDefinition): boolean => d.required || d.mutability === 'immutable';
  return special(def) || (!def.multiValued && (def.subAttributes ?? []).some(special));
}

/** A new element of a multi-valued attribute: canonical names, null members dropped. */
function element(def: AttributeDefinition, item: unknown): unknown {
  const canonical = canonicalElement(def, item);
  return isJsonObject(canonical) ? withoutNulls(canonical) : canonical;
}

/**
 * Merges `changes` (sub-attribute → value; null removes) into the complex value `target`, in
 * place. An immutable sub-attribute that has a value may only be given an equal one.
 */
function mergeInto(
  def: AttributeDefinition,
  target: Record<string, unknown>,
  changes: Record<string, unknown>,
  path: string,
): void {
  const canonical = canonicalElement(def, changes) as Record<string, unknown>;
  for (const [name, item] of Object.entries(canonical)) {
    const sub = findByName(def.subAttributes ?? [], name);
    if (sub?.mutability === 'immutable' && !isUnassigned(target[name]) && !sameSimple(sub, target[name], item)) {
      throw mutability(`Attribute "${path}.${sub.name}" is immutable and cannot be changed`);
    }
    if (item === null) {
      delete target[name];
    } else {
      target[name] = item;
    }
  }
}

function example(path: AttrPath, sub: AttributeDefinition): string {
  const attr = path.uri === undefined ? path.attr : `${path.uri}:${path.attr}`;
  return `"${attr}[<filter>].${sub.name}"`;
}
