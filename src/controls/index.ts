// Placeholder until the controls land; the catalogue is an explicit object, no discovery.
import type { Control } from '../core/control.js';
export const controlCatalogue: readonly Control[] = [];
