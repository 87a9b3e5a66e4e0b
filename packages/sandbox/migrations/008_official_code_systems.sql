-- Service types are sent under their official identifier: Volven 9151 "Tjenestetype i helse- og
-- omsorgstjenesten" (the KPR service codes), by its OID, instead of the project's own URN of
-- 0.1.0. The codes are the same. Rows seeded before are moved over, so the API never mixes the two.
-- Versions (ETags) are kept: the visit and the vedtak did not change, and a client holding the old
-- identifier still labels it (@omsorg/contract knows a set's former identifiers).

UPDATE appointments
   SET service_type_system = 'urn:oid:2.16.578.1.12.4.1.1.9151'
 WHERE service_type_system = 'urn:omsorg:codesystem:kpr-tjenestetype';

UPDATE granted_services
   SET service_type_system = 'urn:oid:2.16.578.1.12.4.1.1.9151'
 WHERE service_type_system = 'urn:omsorg:codesystem:kpr-tjenestetype';
