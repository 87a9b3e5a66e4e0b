import { defineElement } from '../internal/define.js';
import { OmsorgAppointmentList } from './appointment-list.js';

defineElement('omsorg-appointment-list', OmsorgAppointmentList);
