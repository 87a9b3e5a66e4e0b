// @ts-check
/**
 * The contract's words the checks use, without needing a build of @omsorg/contract (so a vendor
 * runs the suite right after `npm ci`): problem types from openapi.yaml itself, and the few
 * values that live in the TypeScript sources. self-check.test.js asserts they equal
 * @omsorg/contract's exports, so they cannot drift.
 */
import { contract } from './contract.js';

/** `urn:omsorg:problem:not-found` → `notFound`, as `problemTypes` in @omsorg/contract. */
const camel = (/** @type {string} */ s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** @type {Readonly<Record<string, string>>} */
export const problemTypes = Object.freeze(
  Object.fromEntries(
    /** @type {string[]} */ (contract().doc.components.schemas.ProblemType.enum).map((urn) => [camel(urn.replace(/^urn:omsorg:problem:/, '')), urn]),
  ),
);

/** Statuses in which the citizen may still cancel (packages/contract/src/types.ts). */
export const cancellableStatuses = Object.freeze(['proposed', 'pending', 'booked', 'cancellation-rejected']);

/**
 * The service-type code set's system (packages/contract/src/codes.ts): the official one, Volven
 * 9151 (the KPR service codes), since API 1.1.0.
 */
export const serviceTypes = Object.freeze({ system: 'urn:oid:2.16.578.1.12.4.1.1.9151' });

/** The cancellation-reason code set's system and a code in it (packages/contract/src/codes.ts). */
export const cancellationReasons = Object.freeze({ system: 'urn:omsorg:codesystem:avbestillingsarsak', aCode: 'pat-crs' });

/** The relation code set's system (packages/contract/src/codes.ts); `self` is the person themselves. */
export const relations = Object.freeze({ system: 'urn:omsorg:codesystem:relasjon' });
