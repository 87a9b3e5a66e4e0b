import { defineElement } from '../internal/define.js';
import { OmsorgServiceList } from './service-list.js';

defineElement('omsorg-service-list', OmsorgServiceList);
