/**
 * The axe-core rule sets every story is held to, in one place: Storybook's accessibility panel
 * (.storybook/preview.ts) and the tests (test/a11y/stories-axe.test.mjs) both run these, so a
 * designer sees in the panel what CI will fail on. WCAG 2.1 A and AA: the law for Norwegian
 * public web sites (likestillings- og diskrimineringsloven, forskrift om universell utforming).
 */
export const AXE_RULESETS = Object.freeze(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
