export const RISK_CONFIG = Symbol('RISK_CONFIG');
