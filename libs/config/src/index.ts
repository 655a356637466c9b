export { CONFIG_CHECK_FLAG, configCheckRequested } from './config-check';
export { ConfigError } from './config-error';
export {
  envBool,
  envEnum,
  envHostPorts,
  envInt,
  envList,
  envPort,
  envString,
  envUrl,
} from './env-fields';
export { parseConfig, parseConfigOrExit, type Env } from './parse-config';
export { databaseFields, httpServerFields, kafkaFields, logLevels } from './service-fields';
export { serviceNodeFlags } from './node-flags';
