// Public API of the pure economics library: no I/O, no framework, units in every name.
export * from './shared/economics-input.error';
export * from './shared/units';
export * from './network/subsidy';
export * from './hashprice/hashprice';
