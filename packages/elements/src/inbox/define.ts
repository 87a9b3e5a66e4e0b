import { defineElement } from '../internal/define.js';
import { OmsorgInbox } from './inbox.js';
// The inbox shows an opened thread itself.
import '../message-thread/define.js';

defineElement('omsorg-inbox', OmsorgInbox);
