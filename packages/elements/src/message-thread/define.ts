import { defineElement } from '../internal/define.js';
import { OmsorgMessageThread } from './message-thread.js';

defineElement('omsorg-message-thread', OmsorgMessageThread);
