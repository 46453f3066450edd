// Argument handling for the `keel` command; returns the exit code (0 ok, 2 bad usage).

declare const KEEL_VERSION: string | undefined;

export const HELP = `keel — a coding agent that plans, edits, runs tests and uses git

Usage:
  keel --help        show this help
  keel --version     print the version
`;

export async function runCli(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    out(HELP);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    out(`${typeof KEEL_VERSION === 'string' ? KEEL_VERSION : '0.0.0-dev'}\n`);
    return 0;
  }
  err(`keel: unknown command '${first}'. Run 'keel --help'.\n`);
  return 2;
}
