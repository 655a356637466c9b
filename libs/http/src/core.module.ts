import {
  Global,
  Module,
  type DynamicModule,
  type InjectionToken,
  type Provider,
} from '@nestjs/common';

/** A value the app made before Nest started, and the token it is injected by. */
export interface CoreValue {
  token: InjectionToken;
  value: unknown;
}

export interface CoreModuleOptions {
  /** The app's typed config, parsed once at boot. */
  config: CoreValue;
  /** The app's root logger. */
  logger: CoreValue;
  /** The app's other singletons (its Kafka connection, metrics, ...); all exported. */
  providers?: Provider[];
}

/**
 * What every module of a service needs, created once: its config, its logger and the
 * singletons in `providers`. Global, so feature modules inject them without importing it.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: options.config.token, useValue: options.config.value },
      { provide: options.logger.token, useValue: options.logger.value },
      ...(options.providers ?? []),
    ];
    return { module: CoreModule, providers, exports: providers.map(tokenOf) };
  }
}

function tokenOf(provider: Provider): InjectionToken {
  return typeof provider === 'function' ? provider : provider.provide;
}
