/**
 * `tenant-audit/testing`: simulated tenants that answer HTTP as the real services do, for the
 * demo, tenant-audit's own tests and users' tests of their integrations.
 */
export * from './m365/index.js';
export * from './google/index.js';
export * from './network/index.js';
export { simulatorHandlers, startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator.js';
export { demoPortfolio, demoPractices, type DemoAudit, type DemoPortfolio, type DemoPortfolioTenant } from './demo.js';
