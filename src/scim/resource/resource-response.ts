import { StreamedResource } from './streamed-resource';

/** A resource as answered: the (projected) body plus what its headers need, whatever was projected away. */
export interface ResourceResponse {
  /** The body; when `streamed` is set, its head (everything but the streamed part). */
  body: Record<string, unknown>;
  version: number;
  location: string;
  /** The whole body, written as its parts are read (a group's members). */
  streamed?: StreamedResource;
  /** What the write left out or could not map, for the request log. */
  notes?: WriteNotes;
}

/** What a write noticed: attributes ignored as unknown, source values no role rule maps (`secodaRole=Owner`). */
export interface WriteNotes {
  ignored: readonly string[];
  unmatchedRoleValues: readonly string[];
}

/** The notes of a write, or undefined when there is nothing to note. */
export function writeNotes(
  ignored: readonly string[],
  unmatchedRoleValues: readonly string[] = [],
): WriteNotes | undefined {
  return ignored.length > 0 || unmatchedRoleValues.length > 0 ? { ignored, unmatchedRoleValues } : undefined;
}
