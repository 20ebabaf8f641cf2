/** A mistake in a CLI command (arguments, a server that does not exist): printed as one `error:` line, exit status 1. */
export class CliError extends Error {}
