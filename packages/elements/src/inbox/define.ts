import { defineElement } from '../internal/define.js';
import { OmsorgInbox } from './inbox.js';

// <omsorg-message-thread>, which shows an opened thread, is loaded by the inbox when needed.
defineElement('omsorg-inbox', OmsorgInbox);
