import { infraStopPlan } from './infra';

describe(infraStopPlan.name, () => {
  it('stops the infra when this start launched both servers', () => {
    expect(infraStopPlan({ postgres: 'started', kafka: 'started' })).toEqual({
      stop: true,
      message: 'stopping Postgres and Kafka (started by npm start)',
      banner: 'Ctrl-C stops the four apps, then Postgres and Kafka (started by npm start).',
    });
  });

  it('keeps servers that were already running, and says how to stop them', () => {
    const plan = infraStopPlan({ postgres: 'reused', kafka: 'reused' });
    expect(plan.stop).toBe(false);
    expect(plan.message).toBe(
      'Postgres and Kafka kept running, as Postgres and Kafka ran before npm start (`npm run infra:down` stops them)',
    );
    expect(plan.banner).toBe(`Ctrl-C stops the four apps; ${plan.message}.`);
  });

  it('keeps both when one was already running, since infra.sh down stops both', () => {
    const plan = infraStopPlan({ postgres: 'started', kafka: 'reused' });
    expect(plan.stop).toBe(false);
    expect(plan.message).toBe(
      'Postgres and Kafka kept running, as Kafka ran before npm start (`npm run infra:down` stops them)',
    );
  });

  it('leaves servers given by DATABASE_URL / KAFKA_BROKERS alone', () => {
    expect(infraStopPlan({ postgres: 'external', kafka: 'external' })).toEqual({
      stop: false,
      message: 'Postgres and Kafka not ours (DATABASE_URL / KAFKA_BROKERS), left alone',
      banner:
        'Ctrl-C stops the four apps; Postgres and Kafka not ours (DATABASE_URL / KAFKA_BROKERS), left alone.',
    });
    const mixed = infraStopPlan({ postgres: 'external', kafka: 'started' });
    expect(mixed.stop).toBe(true);
    expect(mixed.message).toBe(
      'stopping Kafka (started by npm start); Postgres not ours (DATABASE_URL / KAFKA_BROKERS), left alone',
    );
  });

  it('says "it" for a single kept server', () => {
    expect(infraStopPlan({ postgres: 'external', kafka: 'reused' }).message).toBe(
      'Kafka kept running, as Kafka ran before npm start (`npm run infra:down` stops it); Postgres not ours (DATABASE_URL / KAFKA_BROKERS), left alone',
    );
  });
});
