import type { HeaderRule, RemovingRule } from '../core/rules';
import type { RuleUpdate } from '../core/rules-diff';
import { browser } from './browser';

type Dnr = typeof browser.declarativeNetRequest;
type Update = Parameters<Dnr['updateDynamicRules']>[0];

const isEmpty = (u: { addRules: unknown[]; removeRuleIds: number[] }) => u.addRules.length === 0 && u.removeRuleIds.length === 0;

export const dnr = {
  dynamic: {
    get: async () => (await browser.declarativeNetRequest.getDynamicRules()) as unknown as HeaderRule[],
    update: async (u: RuleUpdate) => {
      if (!isEmpty(u)) await browser.declarativeNetRequest.updateDynamicRules(u as unknown as Update);
    },
  },
  session: {
    get: async () => (await browser.declarativeNetRequest.getSessionRules()) as unknown as HeaderRule[],
    update: async (u: { addRules: (HeaderRule | RemovingRule)[]; removeRuleIds: number[] }) => {
      if (!isEmpty(u)) await browser.declarativeNetRequest.updateSessionRules(u as unknown as Update);
    },
  },
};

/**
 * The extension's own origin as the rules' initiatorDomains read it (Chrome: its id; Firefox: its
 * internal UUID): a rule limited to it and to tab -1 matches only requests the background sends.
 */
export const ownInitiator = (): string => new URL(browser.runtime.getURL('')).hostname;
