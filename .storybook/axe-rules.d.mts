export declare const AXE_RULESETS: readonly ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
