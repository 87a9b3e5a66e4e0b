import { defineElement } from '../internal/define.js';
import { OmsorgAccessLog } from './access-log.js';

defineElement('omsorg-access-log', OmsorgAccessLog);
