/** The lint rules' documentation as resources, at the URIs findings name in their `docs` field. */
import { renderAllRuleDocs, renderRuleDoc } from '../lint/docs.js';
import { RULES, ruleDocUri } from '../lint/registry.js';
import { URI_SCHEME, type ResourceProvider } from './resources.js';

export function lintRuleResources(): ResourceProvider[] {
  const index: ResourceProvider = {
    uri: `${URI_SCHEME}://lint-rules`,
    name: 'lint-rules',
    title: 'Lint rules',
    description: `All ${RULES.length} lint rules: id, severity, hazard code, summary, then each rule's page`,
    text: renderAllRuleDocs,
  };
  return [
    index,
    ...RULES.map((rule) => ({
      uri: ruleDocUri(rule.id),
      name: `lint-rule-${rule.id}`,
      title: rule.id,
      description: rule.summary,
      text: () => renderRuleDoc(rule),
    })),
  ];
}
