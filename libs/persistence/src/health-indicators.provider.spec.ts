import { HEALTH_INDICATORS, type HealthIndicator } from '@leadhooks/http';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { healthIndicatorsProvider } from './health-indicators.provider';
import { PostgresHealthIndicator } from './postgres-health';

class StubKafkaIndicator implements HealthIndicator {
  readonly name = 'kafka';
  readonly critical = false;
  async check(): Promise<void> {
    // always up
  }
}

describe(healthIndicatorsProvider.name, () => {
  it("puts Postgres first, on the container's DataSource, then the others in order", async () => {
    const query = jest.fn().mockResolvedValue([]);
    const moduleRef = await Test.createTestingModule({
      providers: [
        { provide: DataSource, useValue: { query } },
        StubKafkaIndicator,
        healthIndicatorsProvider(StubKafkaIndicator),
      ],
    }).compile();

    const indicators = moduleRef.get<HealthIndicator[]>(HEALTH_INDICATORS);

    expect(indicators.map((indicator) => indicator.name)).toEqual(['postgres', 'kafka']);
    expect(indicators[0]).toBeInstanceOf(PostgresHealthIndicator);
    expect(indicators[1]).toBe(moduleRef.get(StubKafkaIndicator));
    await indicators[0].check();
    expect(query).toHaveBeenCalledWith('SELECT 1');
  });
});
