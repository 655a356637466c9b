export * from './lead.schema';
export * from './events.schema';
export * from './lookup.schema';
export * from './lookup-results.schema';
export * from './delivery.schema';
export * from './topics';
export * from './headers';
export * from './ids.schema';
