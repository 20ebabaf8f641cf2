import { ScimError } from '../errors/scim-error';

/** What an If-Match / If-None-Match header asks for: any version (`*`) or one of these versions. */
export type EntityTagCondition = '*' | number[];

/**
 * Parses `W/"3"`, `"3"`, `*` or a comma-separated list of them (RFC 7232; SCIM compares weakly).
 * A tag scimd never issues (not a version number) can never match: it is kept as no version at all.
 */
export function parseEntityTags(header: string | string[] | undefined): EntityTagCondition | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '') return undefined;
  if (value === '*') return '*';
  const versions: number[] = [];
  for (const raw of value.split(',')) {
    const tag = raw.trim();
    const match = /^(?:W\/)?"([^"]*)"$/.exec(tag);
    if (!match)
      throw new ScimError(
        400,
        'invalidSyntax',
        `Malformed entity tag ${JSON.stringify(tag)}: send W/"<version>" as found in meta.version`,
      );
    if (/^\d{1,9}$/.test(match[1])) versions.push(Number(match[1]));
  }
  return versions;
}

export function tagMatches(condition: EntityTagCondition, version: number): boolean {
  return condition === '*' || condition.includes(version);
}

export function preconditionFailed(id: string, version: number): ScimError {
  return new ScimError(
    412,
    undefined,
    `Precondition failed: resource ${id} is now at version W/"${version}"; read it again and retry`,
  );
}
