import { describe, expect, it } from 'vitest';
import { caseState, DIVERT_CASES } from '../../test/fixtures/divert-cases';
import { divertForRequest } from './tab-state';
import { workerPlan } from './workers';

// The core decision against the shared case table (the DNR model's test reads the same table).
describe('divertForRequest: the case table', () => {
  it.each(DIVERT_CASES)('$name', (c) => {
    const { settings, origins, pins } = caseState(c);
    const workers = workerPlan(settings, pins, origins, c.tabHosts ?? {});
    expect(divertForRequest(settings, pins, workers, origins, c.request)?.namespace ?? null).toBe(c.carries);
  });
});
