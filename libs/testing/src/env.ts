/** Reads a variable the global setup must have set; a clear failure if it did not run. */
export function requireTestEnv(name: 'DATABASE_URL' | 'KAFKA_BROKERS'): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the tests with \`npm test\` (its global setup provisions it) or set ${name}.`,
    );
  }
  return value;
}

export function testKafkaBrokers(): string[] {
  return requireTestEnv('KAFKA_BROKERS').split(',');
}
