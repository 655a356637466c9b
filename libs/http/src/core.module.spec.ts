import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CoreModule } from './core.module';

const CONFIG = Symbol('CONFIG');
const LOGGER = Symbol('LOGGER');
const CONNECTION = Symbol('CONNECTION');

class Metrics {}

/** A feature module that imports nothing, as the apps' feature modules do. */
@Injectable()
class Feature {
  constructor(
    @Inject(CONFIG) readonly config: { name: string },
    @Inject(LOGGER) readonly logger: { level: string },
    @Inject(CONNECTION) readonly connection: { id: number },
    readonly metrics: Metrics,
  ) {}
}

@Module({ providers: [Feature] })
class FeatureModule {}

describe(CoreModule.name, () => {
  it("gives every module the config, the logger and the app's other singletons", async () => {
    const config = { name: 'svc' };
    const logger = { level: 'info' };
    const moduleRef = await Test.createTestingModule({
      imports: [
        CoreModule.forRoot({
          config: { token: CONFIG, value: config },
          logger: { token: LOGGER, value: logger },
          providers: [{ provide: CONNECTION, useFactory: () => ({ id: 1 }) }, Metrics],
        }),
        FeatureModule,
      ],
    }).compile();

    const feature = moduleRef.get(Feature);

    expect(feature.config).toBe(config);
    expect(feature.logger).toBe(logger);
    expect(feature.connection).toEqual({ id: 1 });
    expect(feature.metrics).toBe(moduleRef.get(Metrics));
  });
});
