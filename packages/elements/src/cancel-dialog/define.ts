import { defineElement } from '../internal/define.js';
import { OmsorgCancelDialog } from './cancel-dialog.js';

defineElement('omsorg-cancel-dialog', OmsorgCancelDialog);
