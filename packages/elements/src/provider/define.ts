import { defineElement } from '../internal/define.js';
import { OmsorgProvider } from './provider.js';

defineElement('omsorg-provider', OmsorgProvider);
