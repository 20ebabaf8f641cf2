/**
 * A resource whose JSON is produced in chunks as its parts are read (a group's members, batch by
 * batch), so that a response never holds a whole large membership in memory.
 */
export class StreamedResource {
  constructor(readonly chunks: () => AsyncIterable<string>) {}
}
