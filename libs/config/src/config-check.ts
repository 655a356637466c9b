/** The flag every app's entry point takes to validate its environment and stop there. */
export const CONFIG_CHECK_FLAG = '--check-config';

interface Output {
  write(text: string): unknown;
}

/**
 * For an app's `main.ts`, called right after its config was parsed exactly as at boot (a
 * bad value has already ended the process with status 1 and a line naming the variable).
 * With `--check-config` among the arguments it prints `<app>: configuration OK` and
 * returns true, and `main` returns before creating anything: the process then exits 0 on
 * its own, which also proves the check opened no connection or timer. A deployment's
 * environment (docker-compose.yml) can so be checked on a host with no broker, database
 * or Docker.
 */
export function configCheckRequested(
  app: string,
  argv: readonly string[] = process.argv.slice(2),
  out: Output = process.stdout,
): boolean {
  if (!argv.includes(CONFIG_CHECK_FLAG)) return false;
  out.write(`${app}: configuration OK\n`);
  return true;
}
