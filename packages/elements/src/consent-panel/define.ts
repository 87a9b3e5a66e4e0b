import { defineElement } from '../internal/define.js';
import { OmsorgConsentPanel } from './consent-panel.js';

defineElement('omsorg-consent-panel', OmsorgConsentPanel);
