import { defineElement } from '../internal/define.js';
import { OmsorgLogin } from './login.js';

defineElement('omsorg-login', OmsorgLogin);
