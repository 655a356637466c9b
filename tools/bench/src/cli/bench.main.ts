import { relative, resolve } from 'node:path';
import { createBenchDatabase, startBenchServers } from '../stack/bench-servers';
import { writeReport, updateReadmes } from '../report/report.files';
import { reportMarkdown } from '../report/report.markdown';
import { runBench } from '../run-bench';
import { BenchUsageError, parseBenchOptions, usage, type BenchOptions } from './bench.options';

/**
 * `npm run bench`: Kafka and Postgres (tools/infra's private pair under .local/bench, or
 * DATABASE_URL + KAFKA_BROKERS), a fresh database, every scenario, a table on stdout, and
 * the JSON report. `--readme FILE` only rewrites the README benchmark blocks from a report.
 */
async function main(): Promise<void> {
  const root = resolve(__dirname, '../../../..');
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError) && !(error instanceof TypeError)) throw error;
    process.stderr.write(`${error.message}\n${usage}\n`);
    return process.exit(2);
  }
  if (options.readmeFrom) {
    updateReadmes(root, resolve(options.readmeFrom));
    process.stdout.write(
      `README.md and tools/bench/README.md benchmark blocks rewritten from ${options.readmeFrom}\n`,
    );
    return;
  }
  const started = Date.now();
  const progress = (line: string) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
    process.stdout.write(`[${seconds} s] ${line}\n`);
  };
  progress('starting Kafka and Postgres (.local/bench, or DATABASE_URL + KAFKA_BROKERS)');
  const servers = await startBenchServers(root, process.env);
  // Ctrl-C: the broker and Postgres run detached, so nothing else would stop them (the
  // apps are in the terminal's process group and get the signal themselves).
  const interrupted = () => {
    servers.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const database = await createBenchDatabase(servers.serverUrl, `bench_${Date.now()}`);
    try {
      const report = await runBench({
        root,
        databaseUrl: database.url,
        kafkaBrokers: servers.kafkaBrokers,
        run: {
          ...options,
          cpuProfDir: options.cpuProfDir ? resolve(options.cpuProfDir) : undefined,
        },
        progress,
      });
      const file = writeReport(resolve(root, options.outDir), report);
      process.stdout.write(
        `\n${reportMarkdown(report, relative(root, file))}\n\nreport: ${file}\n`,
      );
      if (report.void) process.exitCode = 1;
    } finally {
      await database.drop();
    }
  } finally {
    servers.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
