// @ts-check
/**
 * Who reads: a signed-in person (whoever they act for: Kari reading Ola's threads has her own
 * read pointers) or a staff member of one care service.
 * @typedef {{ kind: 'person', id: string } | { kind: 'staff', id: string, careServiceId: string }} Reader
 */

export {};
