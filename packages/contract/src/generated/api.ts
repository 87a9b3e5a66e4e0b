// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
/* eslint-disable */
export interface paths {
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I, and whom may I act for */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        /**
         * Appointments and visits from all the subject's care services
         * @description One page, with the page's weak `ETag`; a client keeping a list fresh (an answer to a
         *     cancellation request, a moved visit) asks again with `If-None-Match` and gets `304` while
         *     nothing on the page changed.
         */
        get: operations["listAppointments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/appointments/{appointmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                appointmentId: components["parameters"]["AppointmentId"];
            };
            cookie?: never;
        };
        /** One appointment */
        get: operations["getAppointment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/appointments/{appointmentId}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                appointmentId: components["parameters"]["AppointmentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an appointment, or request its cancellation
         * @description Where the appointment's `cancellationPolicy.mode` is `final` the appointment becomes
         *     `cancelled`; where it is `request` it becomes `cancellation-requested` and the service
         *     answers later (`cancelled` or `cancellation-rejected`). After `cancellationPolicy.deadline`
         *     the server refuses with `deadline-passed` and the citizen must call
         *     `cancellationPolicy.phone`.
         */
        post: operations["cancelAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/services": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        /** Granted services (vedtak) */
        get: operations["listServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/dialogue-consent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        /**
         * The subject's consent to digital dialogue with the care service, with its history
         * @description Without an `active` consent to the current text (`currentTextVersion`), messages cannot
         *     be sent to or from the subject (`403 consent-required`); threads stay readable.
         */
        get: operations["getDialogueConsent"];
        /**
         * Give or withdraw consent to digital dialogue (the subject themselves only)
         * @description Giving and withdrawing are the same one request. It takes effect at once; every decision
         *     is kept in the history. `textVersion` must be `currentTextVersion` (else
         *     `409 consent-text-outdated`). Sending the state that already holds changes nothing.
         *     A relative acting for the subject gets `403 forbidden`.
         */
        put: operations["setDialogueConsent"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        /**
         * Who has seen or changed the subject's data, newest first (the person themselves only)
         * @description Every served access to the subject's data in the period: reads and changes by the person,
         *     by a relative acting for them, and by the care services' staff; refusals and idempotent
         *     replays are not shown. Newest first (by `recorded`, then `id`). The period is a range of
         *     Europe/Oslo calendar dates, both days included, at most 366 days; without `to` it ends
         *     today, without `from` it is the 30 days ending with `to`. A bad date or period is
         *     `400 validation` with a field error naming the `parameter`. A relative acting for the
         *     subject gets `403 forbidden`; a subject the caller may not see is `404`. Reading the log
         *     is itself logged (`entity.kind` `access-log`).
         */
        get: operations["getAccessLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/relatives-access": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        /** Who may act for the person, and whom the person may act for (the person themselves only) */
        get: operations["listRelativesAccess"];
        put?: never;
        /**
         * Give a relative access (a sign-in at most 300 seconds old)
         * @description Refused in this order: a relative acting for the person `403 forbidden`; a sign-in older
         *     than 300 seconds `403 step-up-required`; no Idempotency-Key `400`; the body `400
         *     validation` (its shape; then unknown or no scopes, a period that is not from today or
         *     longer than 365 days, as field errors); a giver under 16 `403 giver-too-young`; no person
         *     to be found by the number (none, or a confidential address) `404 not-found`; oneself
         *     `400 validation`; a relative under 18 `422 relative-too-young`. A relative who already
         *     has access gets this access instead (the earlier one is kept as taken back).
         */
        post: operations["grantRelativeAccess"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/relatives-access/{accessId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                accessId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Take back a relative's access at once (a sign-in at most 300 seconds old)
         * @description The relative's next request for the person is refused. Idempotent: taking back access
         *     already taken back answers it again. A parent's access (`basis` `parent`) is not taken
         *     back here (`403 forbidden`).
         */
        delete: operations["revokeRelativeAccess"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/person-lookup": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The name of the person with a national identity number, to confirm before giving access
         * @description A read sent as POST so the number stays out of the URL: changes nothing, so it takes no
         *     Idempotency-Key. A number no one has and a person with a confidential address are the
         *     same `404 not-found`. The person themselves only.
         */
        post: operations["lookUpPerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/notice-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        /**
         * Which notices the person gets by SMS and e-mail, where they go, and their exact text (the person themselves only)
         * @description Contact details come from the national contact register (Kontakt- og
         *     reservasjonsregisteret), masked: they are changed there, not here. `previews` holds the
         *     exact text of each event's notice in `language`; a notice never carries health content,
         *     not even the name of a service. A person with no choice made yet gets no channels and no
         *     events. A relative acting for the person gets `403 forbidden`: notices go to the person's
         *     own phone and address.
         */
        get: operations["getNoticePreferences"];
        /**
         * Choose channels, events and language for notices (the person themselves only)
         * @description Replaces the whole choice; it takes effect for the next notice. Refused in this order: a
         *     relative acting for the person `403 forbidden`; no If-Match `428`; no Idempotency-Key
         *     `400`; the body `400 validation` (unknown or repeated channels and events, as field
         *     errors); a stale If-Match `412`; a channel the register has no detail for, or any
         *     channel while the person is reserved against digital notices, `422
         *     notice-channel-unavailable` (with the channel's pointer). Choosing no channel turns
         *     notices off.
         */
        put: operations["setNoticePreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/message-recipients": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        /** The care services the subject may write to (those providing a granted service) */
        get: operations["listMessageRecipients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/threads": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        /** The subject's message threads, latest activity first */
        get: operations["listThreads"];
        put?: never;
        /** Start a thread with the care service of one of the subject's granted services */
        post: operations["startThread"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/threads/{threadId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                threadId: components["parameters"]["ThreadId"];
            };
            cookie?: never;
        };
        /** One thread with all its messages, oldest first */
        get: operations["getThread"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/threads/{threadId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                threadId: components["parameters"]["ThreadId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply in a thread
         * @description Deletes the sender's draft for this thread in the same transaction.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/threads/{threadId}/seen": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                threadId: components["parameters"]["ThreadId"];
            };
            cookie?: never;
        };
        get?: never;
        /** Mark the thread read up to a message (idempotent) */
        put: operations["markThreadSeen"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/drafts/{draftKey}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                /** @description A thread id for a reply's draft, or `new` for the draft of a new thread. */
                draftKey: components["parameters"]["DraftKey"];
            };
            cookie?: never;
        };
        /** The signed-in person's draft (404 when there is none) */
        get: operations["getDraft"];
        /** Create (If-None-Match: *) or replace (If-Match) the draft */
        put: operations["saveDraft"];
        post?: never;
        /** Discard the draft */
        delete: operations["deleteDraft"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file to attach to a message or draft
         * @description The body is the file itself. The file name travels in
         *     `Content-Disposition: attachment; filename*=UTF-8''<percent-encoded name>` (never in the
         *     URL). The server decides the type from the content; a declared `Content-Type` that does
         *     not match the content is refused (`attachment-type`). An attachment not used in a
         *     message is visible only to the person who uploaded it.
         */
        post: operations["uploadAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{subjectId}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                attachmentId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        /** Download an attachment (the thread's parties only) */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/management/figures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Figures for management per month and care service, no person recognisable (management role only)
         * @description The period is a range of Europe/Oslo calendar months (`YYYY-MM`), both included, at most
         *     24, finished months only: `to` is at the latest the last month that has ended (since
         *     1.1.2; before, the current month was allowed and counted up to now, so two readings in it
         *     differed by that day's events). Without `to` it ends last month, without `from` it is the
         *     12 months ending with `to`. A bad month or period, or `to` the current month or later, is
         *     `400 validation` with a field error naming the `parameter`. Without the management role: `403 forbidden`. Counts under 5 and
         *     cells that could be worked out from the others are `{ "suppressed": true }`. The people
         *     with consent and the relatives with access (counts at a month's end) are rounded to the
         *     nearest multiple of 5 (`FigureStockCount`), so that two months' difference says nothing
         *     about one to four people.
         */
        get: operations["getManagementFigures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/management/figures.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The same figures as CSV (management role only)
         * @description RFC 4180 CSV in UTF-8 with CRLF line ends and a header row, one row per month and care
         *     service (`service_id` empty for all services together); a suppressed figure is `<5`. The
         *     rounded stock figures are the columns `people_with_consent_rounded_to_5` and
         *     `relatives_with_access_rounded_to_5` (before 1.1.1 `people_with_consent` and
         *     `relatives_with_access`, not rounded). Sent with `Content-Disposition: attachment`. The
         *     same refusals as the JSON.
         */
        get: operations["getManagementFiguresCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Id: string;
        SubjectRef: string;
        /** @description A resource's version. The strong ETag is this value in quotes, so it holds only ETag characters (printable ASCII but the double quote). */
        Version: string;
        /**
         * @description A code from a code set; the client looks up the label (@omsorg/contract's code sets, in nb,
         *     nn and en). `system` is the official identifier where one exists, the project's own only
         *     where none does (the README's table of code systems):
         *     - service types (`serviceType`): `urn:oid:2.16.578.1.12.4.1.1.9151`, Volven 9151
         *       "Tjenestetype i helse- og omsorgstjenesten", the KPR (IPLOS) service codes. Before 1.1.0
         *       it was sent as `urn:omsorg:codesystem:kpr-tjenestetype` (same codes); a client should
         *       accept both.
         *     - cancellation reasons (`reason`): `urn:omsorg:codesystem:avbestillingsarsak`, the
         *       project's own (finer than FHIR's appointment-cancellation-reason, which a FHIR record
         *       gets beside it).
         *     - relations (`relation`, `relationship`): `urn:omsorg:codesystem:relasjon`, the project's
         *       own (`self` and `O` are not HL7 v3 RoleCode).
         */
        Coding: {
            system: string;
            code: string;
        };
        Me: {
            person: components["schemas"]["Person"];
            /** @description Whom the person may act for; the person themselves first (`relation` self). */
            subjects: components["schemas"]["Subject"][];
            /**
             * Format: date-time
             * @description When the access behind this call expires, if known.
             */
            sessionExpiresAt?: string;
        };
        Person: {
            id: components["schemas"]["Id"];
            name: string;
        };
        /** @description A person whose data the caller may see (FHIR RelatedPerson from the subject's side). */
        Subject: {
            id: components["schemas"]["SubjectRef"];
            name: string;
            /** @description From the relation code set (self, parent, child, spouse, other…). */
            relation: components["schemas"]["Coding"];
            scopes: ("appointments.read" | "appointments.cancel" | "services.read" | "messages")[];
            /** Format: date */
            validTo?: string | null;
        };
        /**
         * @description FHIR R4 Appointment.status plus the two cancellation-request states.
         * @enum {string}
         */
        AppointmentStatus: "proposed" | "pending" | "booked" | "arrived" | "fulfilled" | "cancelled" | "noshow" | "entered-in-error" | "checked-in" | "waitlist" | "cancellation-requested" | "cancellation-rejected";
        Appointment: {
            id: components["schemas"]["Id"];
            /** @description Changes on every change; the strong ETag is this value in quotes. */
            version: components["schemas"]["Version"];
            subjectId: components["schemas"]["Id"];
            status: components["schemas"]["AppointmentStatus"];
            serviceType: components["schemas"]["Coding"];
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
            /**
             * @description `window`: a home visit arrives some time between `start` and `end`.
             * @enum {string}
             */
            timing: "exact" | "window";
            /** @description Short text from the service (untrusted). */
            description?: string | null;
            careService: components["schemas"]["CareService"];
            location?: components["schemas"]["Location"] | null;
            contact?: components["schemas"]["Contact"] | null;
            /** @description What the citizen should prepare (untrusted text). */
            preparation?: string | null;
            cancellationPolicy: components["schemas"]["CancellationPolicy"];
            cancellation?: components["schemas"]["Cancellation"] | null;
            /** @description Since 1.1. The recurring visits this appointment is one occurrence of; absent or null for a single visit. */
            series?: components["schemas"]["AppointmentSeries"] | null;
            source?: components["schemas"]["RecordSource"];
        };
        /**
         * @description Recurring visits (since contract 1.1). Every occurrence is still an appointment of its own,
         *     with its own id, version, status and cancellation: cancelling one visit of a series cancels
         *     only that one. All occurrences of a series carry the same `series` object.
         *
         *     `rule` is an RFC 5545 RRULE limited to what home care needs, in this order: `FREQ` (`DAILY`
         *     or `WEEKLY`), then optionally `INTERVAL` (1–99, 2 = every other), `BYDAY` (`WEEKLY` only,
         *     each day once), and one of `COUNT` (1–999) or `UNTIL` (UTC, `YYYYMMDDTHHMMSSZ`). `start`
         *     and `end` are the first occurrence's planned start and end (the rule's DTSTART and DTEND):
         *     each occurrence starts at the same Europe/Oslo wall-clock time, also across a summer-time
         *     change, and lasts as long. The first occurrence falls on one of the `BYDAY` days, and
         *     `UNTIL` is not before it. Clients group occurrences by `id`; they do not need to expand
         *     the rule, the occurrences come as appointments. Examples: `FREQ=DAILY;COUNT=14`,
         *     `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH`.
         */
        AppointmentSeries: {
            id: components["schemas"]["Id"];
            rule: string;
            /** Format: date-time */
            start: string;
            /** Format: date-time */
            end: string;
        };
        /**
         * @description Where an item comes from: the municipality whose service it is and the record system (EPJ)
         *     that holds it. A person may receive services from more than one municipality or system;
         *     each item's rules (cancellation deadline, the phone to call, the reply time) are its own
         *     source's. Absent when the deployment has one record system and does not say.
         */
        RecordSource: {
            municipality: {
                /** @description The kommunenummer (four digits, Statistics Norway's list). */
                number: string;
                name: string;
            };
            system: {
                id: components["schemas"]["Id"];
                name: string;
            };
        };
        /**
         * @description Sources that could not be read for this answer. The list holds the other sources' items;
         *     the missing part is said, not hidden. Absent (or empty) when every source answered. When
         *     no source answers, the request fails (503 `unavailable`, retryable).
         */
        UnavailableSources: components["schemas"]["RecordSource"][];
        /** @description The unit that provides the service (hjemmetjenesten sone nord, dagsenteret …). */
        CareService: {
            id: components["schemas"]["Id"];
            name: string;
            phone?: string | null;
        };
        Location: {
            name: string;
            address?: string | null;
            /** @description The visit is in the citizen's home. */
            atHome?: boolean;
        };
        Contact: {
            name: string;
            phone?: string | null;
        };
        CancellationPolicy: {
            /** @description The server would accept a cancellation now (status allows it and the deadline has not passed). */
            cancellable: boolean;
            /**
             * Format: date-time
             * @description The last moment the citizen may cancel online.
             */
            deadline: string;
            /** @description The number to call after the deadline. */
            phone: string;
            /**
             * @description `request`: the service answers the cancellation later.
             * @enum {string}
             */
            mode: "final" | "request";
            /** @description What cancelling means for the citizen, from the service (untrusted text). */
            consequence?: string | null;
        };
        Cancellation: {
            reason: components["schemas"]["Coding"];
            comment?: string | null;
            /** Format: date-time */
            requestedAt: string;
            requestedBy?: components["schemas"]["Person"];
            /** Format: date-time */
            answeredAt?: string | null;
            rejectionNote?: string | null;
        };
        CancellationRequest: {
            /** @description From the cancellation-reason code set. */
            reason: components["schemas"]["Coding"];
            comment?: string;
        };
        AppointmentPage: {
            items: components["schemas"]["Appointment"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
            unavailableSources?: components["schemas"]["UnavailableSources"];
        };
        /** @description A decision (vedtak) granting a service. */
        GrantedService: {
            id: components["schemas"]["Id"];
            serviceType: components["schemas"]["Coding"];
            /** @enum {string} */
            status: "active" | "planned" | "ended";
            extent: components["schemas"]["Extent"];
            /** Format: date */
            validFrom: string;
            /**
             * Format: date
             * @description Null means until further notice.
             */
            validTo?: string | null;
            /** Format: date */
            decidedAt?: string | null;
            careService: components["schemas"]["CareService"];
            /** @description Untrusted text. */
            note?: string | null;
            source?: components["schemas"]["RecordSource"];
        };
        /** @description How much ("3 visits a week", "2 hours a week"). */
        Extent: {
            amount: number;
            /** @enum {string} */
            unit: "visits" | "hours" | "days" | "units";
            /** @enum {string} */
            per: "day" | "week" | "month" | "year";
        };
        ServiceList: {
            items: components["schemas"]["GrantedService"][];
            unavailableSources?: components["schemas"]["UnavailableSources"];
        };
        /** @description What the care service promises about answers, shown beside every thread. */
        ReplyPolicy: {
            /** @description The service answers within this many working days. */
            expectedReplyWorkingDays: number;
            /** @description The service's own notice to writers (untrusted text). */
            notice?: string | null;
        };
        /** @description A care service the subject may write to, through one granted service. */
        Recipient: {
            grantedServiceId: components["schemas"]["Id"];
            serviceType: components["schemas"]["Coding"];
            careService: components["schemas"]["CareService"];
            replyPolicy: components["schemas"]["ReplyPolicy"];
            /** @description The source of the granted service (`grantedServiceId`) the recipient is written to through; a message goes to that source's record system. Absent when the deployment has one record system and does not say. */
            source?: components["schemas"]["RecordSource"];
        };
        RecipientList: {
            items: components["schemas"]["Recipient"][];
        };
        /**
         * @description `citizen`: the subject; `relative`: someone acting for the subject; `staff`: the care service.
         * @enum {string}
         */
        SenderRole: "citizen" | "relative" | "staff";
        Sender: {
            role: components["schemas"]["SenderRole"];
            /** @description Untrusted text. */
            name: string;
            /** @description For `relative`, the name of the subject they wrote for. */
            onBehalfOf?: string | null;
            /** @description The signed-in person sent it. */
            isCurrentUser: boolean;
        };
        Attachment: {
            id: components["schemas"]["Id"];
            /** @description Untrusted text. */
            filename: string;
            /** @enum {string} */
            contentType: "application/pdf" | "image/png" | "image/jpeg";
            size: number;
        };
        /** @description One message (FHIR Communication). */
        Message: {
            id: components["schemas"]["Id"];
            threadId: components["schemas"]["Id"];
            /** Format: date-time */
            sentAt: string;
            sender: components["schemas"]["Sender"];
            /** @description Plain, untrusted text. */
            text: string;
            attachments: components["schemas"]["Attachment"][];
            /** @description The signed-in person has not seen it yet (always false for their own). */
            unread: boolean;
        };
        /** @description One party who has seen the thread since its last message (Dialogporten seenSinceLastUpdate). */
        SeenBy: {
            role: components["schemas"]["SenderRole"];
            name: string;
            /** Format: date-time */
            seenAt: string;
            isCurrentUser: boolean;
        };
        MessageExcerpt: {
            sender: components["schemas"]["Sender"];
            /** Format: date-time */
            sentAt: string;
            /** @description The start of the text (untrusted). */
            excerpt: string;
        };
        Thread: {
            id: components["schemas"]["Id"];
            /** @description Changes with every message or seen-state change; the ETag is this value in quotes. */
            version: components["schemas"]["Version"];
            subjectId: components["schemas"]["Id"];
            /** @description Untrusted text. */
            title: string;
            /**
             * @description `closed`: the service has closed the thread; no replies.
             * @enum {string}
             */
            status: "open" | "closed";
            grantedServiceId: components["schemas"]["Id"];
            serviceType: components["schemas"]["Coding"];
            careService: components["schemas"]["CareService"];
            replyPolicy: components["schemas"]["ReplyPolicy"];
            startedBy?: components["schemas"]["SenderRole"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastActivityAt: string;
            messageCount: number;
            /** @description Messages the signed-in person has not seen. */
            unreadCount: number;
            lastMessage: components["schemas"]["MessageExcerpt"] | null;
            seenSinceLastUpdate: components["schemas"]["SeenBy"][];
            /** @description The source of the granted service the thread is about; a message goes to that source's record system. */
            source?: components["schemas"]["RecordSource"];
        };
        ThreadDetail: components["schemas"]["Thread"] & {
            /** @description Every message, oldest first. */
            messages: components["schemas"]["Message"][];
        };
        ThreadPage: {
            items: components["schemas"]["Thread"][];
            nextCursor: string | null;
            /** @description Unread messages in all the subject's threads, for the host page's badge. */
            unreadCount: number;
        };
        NewThread: {
            /** @description One of the subject's granted services from `message-recipients`. */
            grantedServiceId: components["schemas"]["Id"];
            title: string;
            text: string;
            attachmentIds?: components["schemas"]["Id"][];
        };
        NewMessage: {
            text: string;
            attachmentIds?: components["schemas"]["Id"][];
        };
        SeenRequest: {
            upToMessageId: components["schemas"]["Id"];
        };
        SeenState: {
            threadId: components["schemas"]["Id"];
            /** @description Still unread in this thread. */
            unreadCount: number;
            /** @description Unread in all the subject's threads. */
            totalUnreadCount: number;
        };
        /**
         * @description A draft may hold up to 20,000 characters, so that nothing typed or pasted is lost; the
         *     4,000-character limit applies when it is sent.
         */
        DraftInput: {
            text: string;
            title?: string | null;
            grantedServiceId?: components["schemas"]["Id"] | null;
            attachmentIds?: components["schemas"]["Id"][];
        };
        Draft: {
            key: components["schemas"]["Id"];
            version: components["schemas"]["Version"];
            text: string;
            title?: string | null;
            grantedServiceId?: components["schemas"]["Id"] | null;
            attachments: components["schemas"]["Attachment"][];
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description One decision on a consent (FHIR R4 Consent, one version of it). */
        ConsentDecision: {
            /**
             * @description `active`: given; `inactive`: withdrawn.
             * @enum {string}
             */
            status: "active" | "inactive";
            /** @description The version of the consent text the decision was made on. */
            textVersion: string;
            /** Format: date-time */
            decidedAt: string;
            decidedBy: components["schemas"]["Person"];
        };
        /** @description Consent to digital dialogue with the municipal care service. */
        DialogueConsent: {
            /**
             * @description `none` before any decision; else the latest decision's status.
             * @enum {string}
             */
            status: "none" | "active" | "inactive";
            /** @description The text version of the latest decision. */
            textVersion: string | null;
            /** @description The text the service shows now; giving consent names it. */
            currentTextVersion: string;
            /** @description Every decision, newest first. */
            history: components["schemas"]["ConsentDecision"][];
            version: components["schemas"]["Version"];
        };
        DialogueConsentChange: {
            /** @enum {string} */
            status: "active" | "inactive";
            textVersion: string;
        };
        /**
         * @description The kind of data: `appointments` (the list, one appointment, a cancellation), `services`
         *     (granted services), `messages` (threads, messages, attachments, drafts, seen markers),
         *     `dialogue-consent`, `identity` (who the person is and whom they act for), `access-log`,
         *     `relatives-access` (relatives' access listed, given or taken back, and a person looked
         *     up), `notice-preferences` (the choice of notices).
         * @enum {string}
         */
        AccessLogKind: "appointments" | "services" | "messages" | "dialogue-consent" | "identity" | "access-log" | "relatives-access" | "notice-preferences";
        /** @description Who acted (FHIR R4 AuditEvent.agent). */
        AccessLogAgent: {
            /**
             * @description `self`: the person; `relative`: someone acting for them; `staff`: a care service's employee.
             * @enum {string}
             */
            role: "self" | "relative" | "staff";
            /** @description The person's or the relative's name (untrusted text); null for staff. */
            name: string | null;
            /** @description A relative's relation to the person (the relation code set); null otherwise. */
            relation: components["schemas"]["Coding"] | null;
            /** @description The care service a staff member acted for; null otherwise. */
            careService: components["schemas"]["AccessLogCareService"] | null;
        };
        AccessLogCareService: {
            id: components["schemas"]["Id"];
            name: string;
        };
        /** @description One access to the subject's data (FHIR R4 AuditEvent, in short). */
        AccessLogEntry: {
            /** @description The log row's id (stable, for keys in a list). */
            id: string;
            /**
             * Format: date-time
             * @description When it happened, in Europe/Oslo time with its offset, to the second.
             */
            recorded: string;
            /**
             * @description What was done (AuditEvent.action in words; `revoke`, relatives' access taken back).
             * @enum {string}
             */
            action: "read" | "create" | "update" | "delete" | "cancel" | "close" | "revoke";
            agent: components["schemas"]["AccessLogAgent"];
            /** @description What was seen or changed (AuditEvent.entity). */
            entity: {
                kind: components["schemas"]["AccessLogKind"];
            };
        };
        AccessLogPage: {
            items: components["schemas"]["AccessLogEntry"][];
            nextCursor: string | null;
            /**
             * Format: date
             * @description The period's first day (Europe/Oslo), as answered.
             */
            from: string;
            /**
             * Format: date
             * @description The period's last day (Europe/Oslo), as answered.
             */
            to: string;
        };
        /**
         * @description One access to act for a person (FHIR R4 Consent: `status`, `period`, the scopes as its
         *     provision's actions; the relative is its actor, a RelatedPerson).
         */
        RelativeAccess: {
            id: components["schemas"]["Id"];
            /**
             * @description `consent`: given by the person (taken back with DELETE); `parent`: a parent's access to a child under 16, from the population register.
             * @enum {string}
             */
            basis: "consent" | "parent";
            /**
             * @description `inactive`: taken back.
             * @enum {string}
             */
            status: "active" | "inactive";
            subjectId: components["schemas"]["Id"];
            subject: components["schemas"]["Person"];
            relative: components["schemas"]["Person"];
            /** @description The subject's relation to the relative, from the relation code set (as in `Subject.relation`). */
            relationship: components["schemas"]["Coding"];
            scopes: ("appointments.read" | "appointments.cancel" | "services.read" | "messages")[];
            period: {
                /** Format: date */
                start: string | null;
                /**
                 * Format: date
                 * @description Inclusive; null until further notice (a parent's until the child turns 16).
                 */
                end: string | null;
            };
            /** Format: date-time */
            grantedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
        };
        RelativeAccessList: {
            /** @description Who may act for the person. */
            relatives: components["schemas"]["RelativeAccess"][];
            /** @description Whom the person may act for. */
            actingFor: components["schemas"]["RelativeAccess"][];
        };
        RelativeAccessRequest: {
            /** @description The relative's national identity number (fødselsnummer or D-number). Never in a URL. */
            nationalIdentityNumber: string;
            scopes: ("appointments.read" | "appointments.cancel" | "services.read" | "messages")[];
            /** @description Europe/Oslo calendar dates, both included; from today, at most 365 days. */
            period: {
                /** Format: date */
                start: string;
                /** Format: date */
                end: string;
            };
        };
        PersonLookup: {
            nationalIdentityNumber: string;
        };
        PersonLookupResult: {
            name: string;
        };
        /** @enum {string} */
        NoticeChannel: "sms" | "email";
        /**
         * @description `message-new` (the care service wrote), `appointment-changed` (a visit's time or status
         *     changed), `cancellation-answered` (a cancellation was confirmed or turned down),
         *     `visit-reminder` (the day before a visit).
         * @enum {string}
         */
        NoticeEvent: "message-new" | "appointment-changed" | "cancellation-answered" | "visit-reminder";
        /** @enum {string} */
        NoticeLanguage: "nb" | "nn" | "en";
        /** @description The person's contact details from the national contact register, masked. */
        NoticeContact: {
            /** @description Masked, e.g. `*** ** 123`; null when the register has none. */
            phone: string | null;
            /** @description Masked, e.g. `o***@example.no`; null when the register has none. */
            email: string | null;
            /** @description The person has reserved themselves against digital notices from the public sector; none are sent. */
            reserved: boolean;
        };
        NoticePreview: {
            event: components["schemas"]["NoticeEvent"];
            /** @description The e-mail's subject. */
            subject: string;
            /** @description The SMS, and the e-mail's body. */
            text: string;
        };
        NoticePreferences: {
            /** @description No channel repeats (the rules core checks; ajv's uniqueItems would pull a module into the browser validators). */
            channels: components["schemas"]["NoticeChannel"][];
            /** @description No event repeats. */
            events: components["schemas"]["NoticeEvent"][];
            language: components["schemas"]["NoticeLanguage"];
            contact: components["schemas"]["NoticeContact"];
            /** @description One per event, in `language`, whether chosen or not. */
            previews: components["schemas"]["NoticePreview"][];
            version: components["schemas"]["Version"];
        };
        NoticePreferencesChange: {
            channels: components["schemas"]["NoticeChannel"][];
            events: components["schemas"]["NoticeEvent"][];
            language: components["schemas"]["NoticeLanguage"];
        };
        /** @description A figure that is not shown, so that no person can be recognised (under 5, or derivable from the others). */
        Suppressed: {
            /** @constant */
            suppressed: true;
        };
        /** @description A count of at least 5, or suppressed. */
        FigureCount: number | components["schemas"]["Suppressed"];
        /**
         * @description A count of people at a month's end (a stock), published rounded to the nearest multiple of
         *     5 (so at least 5), or suppressed when under 5 (0 too). Rounded so that one month minus the
         *     one before, or all services minus one service, is a multiple of 5 and names no one; the
         *     rounding base is the `multipleOf`. Before 1.1.1 the exact count was sent.
         */
        FigureStockCount: number | components["schemas"]["Suppressed"];
        /** @description A share (0 to 1), an average or hours, computed over at least 5 people, or suppressed. */
        FigureNumber: number | components["schemas"]["Suppressed"];
        FiguresMonth: string;
        ManagementFigures: {
            from: components["schemas"]["FiguresMonth"];
            to: components["schemas"]["FiguresMonth"];
            /**
             * @description The smallest count shown.
             * @constant
             */
            minimumCount: 5;
            services: {
                id: components["schemas"]["Id"];
                name: string;
                /** @description The promised reply time in working days. */
                replyWorkingDays: number | null;
            }[];
            /** @description One per month and care service, and per month for all services (`service` null). */
            rows: components["schemas"]["FiguresRow"][];
        };
        FiguresRow: {
            month: components["schemas"]["FiguresMonth"];
            service: components["schemas"]["Id"] | null;
            cancellations: {
                total: components["schemas"]["FigureCount"];
                online: components["schemas"]["FigureCount"];
                other: components["schemas"]["FigureCount"];
                onlineShare: components["schemas"]["FigureNumber"];
                beforeDeadline: components["schemas"]["FigureCount"];
                afterDeadline: components["schemas"]["FigureCount"];
                reasons: {
                    /** @description A code of urn:omsorg:codesystem:avbestillingsarsak. */
                    code: string;
                    count: components["schemas"]["FigureCount"];
                }[];
            };
            messages: {
                threads: components["schemas"]["FigureCount"];
                messages: components["schemas"]["FigureCount"];
                messagesPerThread: components["schemas"]["FigureNumber"];
                answered: components["schemas"]["FigureCount"];
                firstAnswerMedianHours: components["schemas"]["FigureNumber"];
                firstAnswerP90Hours: components["schemas"]["FigureNumber"];
                answeredWithinPromise: components["schemas"]["FigureCount"];
                withinPromiseShare: components["schemas"]["FigureNumber"];
            };
            consent: {
                people: components["schemas"]["FigureStockCount"];
            };
            relatives: {
                people: components["schemas"]["FigureStockCount"];
            };
        };
        /**
         * @description Stable problem `type` URNs.
         * @enum {string}
         */
        ProblemType: "urn:omsorg:problem:unauthorized" | "urn:omsorg:problem:insufficient-assurance" | "urn:omsorg:problem:forbidden" | "urn:omsorg:problem:not-found" | "urn:omsorg:problem:validation" | "urn:omsorg:problem:idempotency-key-missing" | "urn:omsorg:problem:idempotency-key-reused" | "urn:omsorg:problem:precondition-required" | "urn:omsorg:problem:precondition-failed" | "urn:omsorg:problem:deadline-passed" | "urn:omsorg:problem:not-cancellable" | "urn:omsorg:problem:thread-closed" | "urn:omsorg:problem:recipient-not-allowed" | "urn:omsorg:problem:attachment-type" | "urn:omsorg:problem:attachment-too-large" | "urn:omsorg:problem:rate-limited" | "urn:omsorg:problem:server-error" | "urn:omsorg:problem:unavailable" | "urn:omsorg:problem:insufficient-scope" | "urn:omsorg:problem:session-expired" | "urn:omsorg:problem:unsupported-media-type" | "urn:omsorg:problem:request-in-progress" | "urn:omsorg:problem:misdirected-request" | "urn:omsorg:problem:consent-required" | "urn:omsorg:problem:consent-text-outdated" | "urn:omsorg:problem:step-up-required" | "urn:omsorg:problem:giver-too-young" | "urn:omsorg:problem:relative-too-young" | "urn:omsorg:problem:notice-channel-unavailable";
        /** @description RFC 9457 problem details. */
        Problem: {
            type: components["schemas"]["ProblemType"];
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            /** @description For `step-up-required`: sign in again with this `max_age` (seconds). */
            maxAge?: number;
            /** @description Field errors for `validation`. */
            errors?: {
                /** @description JSON Pointer into the request body ('' for the whole body or a query parameter). */
                pointer: string;
                /** @enum {string} */
                code: "required" | "too-long" | "too-many" | "unknown-code" | "invalid" | "invalid-character" | "too-deep" | "unknown-parameter" | "in-past" | "self";
                /** @description The query parameter the error is about (`unknown-parameter`, a bad access-log period). */
                parameter?: string;
            }[];
        };
    };
    responses: {
        /** @description Any other error. */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Malformed request, failed validation or a missing Idempotency-Key. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No valid access token at the required level. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Signed in, but without access to this subject or action. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such object that the caller may see. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The change cannot be made now (deadline passed, wrong status, thread closed), or the first request with this Idempotency-Key is still running (`request-in-progress`, with `Retry-After`). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Nothing changed since the ETag in If-None-Match. No body. */
        NotModified: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The attachment is larger than 5 MiB. */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The attachment's content is not a permitted type, does not match its declared type, or carries active content. */
        UnsupportedType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The If-Match ETag is stale; the appointment changed meanwhile. */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description If-Match is missing. */
        PreconditionRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The Idempotency-Key was used before with a different request, or a message names a service the subject does not receive. */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The first month of the period (Europe/Oslo, `YYYY-MM`), included. */
        FiguresFrom: string;
        /** @description The last month of the period (Europe/Oslo, `YYYY-MM`), included; a finished month, so at the latest last month (the default). */
        FiguresTo: string;
        /** @description `me`, or an opaque subject id from `GET /v1/me`. */
        SubjectId: components["schemas"]["SubjectRef"];
        AppointmentId: components["schemas"]["Id"];
        ThreadId: components["schemas"]["Id"];
        /** @description A thread id for a reply's draft, or `new` for the draft of a new thread. */
        DraftKey: components["schemas"]["Id"];
        /** @description The ETag from the last response; the server answers 304 when nothing changed. */
        IfNoneMatch: string;
        /** @description The appointment's current strong ETag. */
        IfMatch: string;
        /** @description One key per user intent (a UUID), reused on every retry of that intent. */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description Strong entity tag, `"<version>"`. */
        ETag: string;
        NoStore: "no-store";
        /** @description Entity tag of the whole list (may be weak); send it back as If-None-Match. */
        ListETag: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed-in person and the subjects they may act for (themselves first). */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Problem"];
        };
    };
    listAppointments: {
        parameters: {
            query?: {
                /** @description `upcoming` (end at or after now, ascending) or `past` (end before now, descending). */
                when?: "upcoming" | "past";
                /** @description Only appointments ending at or after this instant. */
                from?: string;
                /** @description Only appointments starting before this instant. */
                to?: string;
                limit?: number;
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: string;
            };
            header?: {
                /** @description The ETag from the last response; the server answers 304 when nothing changed. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of appointments. */
            200: {
                headers: {
                    ETag: components["headers"]["ListETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description No record system answered (`unavailable`); one that answered is a 200 with `unavailableSources`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getAppointment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                appointmentId: components["parameters"]["AppointmentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The appointment. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    cancelAppointment: {
        parameters: {
            query?: never;
            header: {
                /** @description The appointment's current strong ETag. */
                "If-Match": components["parameters"]["IfMatch"];
                /** @description One key per user intent (a UUID), reused on every retry of that intent. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                appointmentId: components["parameters"]["AppointmentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancellationRequest"];
            };
        };
        responses: {
            /** @description The appointment after the change (also for an idempotent replay). */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Problem"];
        };
    };
    listServices: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subject's granted services, current and recent. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description No record system answered (`unavailable`); one that answered is a 200 with `unavailableSources`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["Problem"];
        };
    };
    getDialogueConsent: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag from the last response; the server answers 304 when nothing changed. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent as it stands. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DialogueConsent"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    setDialogueConsent: {
        parameters: {
            query?: never;
            header: {
                /** @description The appointment's current strong ETag. */
                "If-Match": components["parameters"]["IfMatch"];
                /** @description One key per user intent (a UUID), reused on every retry of that intent. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DialogueConsentChange"];
            };
        };
        responses: {
            /** @description The consent after the change (also for an idempotent replay). */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DialogueConsent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Problem"];
        };
    };
    getAccessLog: {
        parameters: {
            query?: {
                /** @description The first day of the period (Europe/Oslo), included. */
                from?: string;
                /** @description The last day of the period (Europe/Oslo), included. */
                to?: string;
                limit?: number;
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the log. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessLogPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    listRelativesAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Access in force or starting later; taken-back and ended access is left out. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelativeAccessList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    grantRelativeAccess: {
        parameters: {
            query?: never;
            header: {
                /** @description One key per user intent (a UUID), reused on every retry of that intent. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RelativeAccessRequest"];
            };
        };
        responses: {
            /** @description The access given, naming the relative (also for an idempotent replay). */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelativeAccess"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    revokeRelativeAccess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                accessId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The access, now `inactive` with `revokedAt`. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelativeAccess"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    lookUpPerson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonLookup"];
            };
        };
        responses: {
            /** @description The person's name. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonLookupResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getNoticePreferences: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag from the last response; the server answers 304 when nothing changed. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preferences as they stand. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticePreferences"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    setNoticePreferences: {
        parameters: {
            query?: never;
            header: {
                /** @description The appointment's current strong ETag. */
                "If-Match": components["parameters"]["IfMatch"];
                /** @description One key per user intent (a UUID), reused on every retry of that intent. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoticePreferencesChange"];
            };
        };
        responses: {
            /** @description The preferences after the change (also for an idempotent replay). */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticePreferences"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["Unprocessable"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Problem"];
        };
    };
    listMessageRecipients: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per active or planned granted service, with its reply policy. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipientList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    listThreads: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: string;
            };
            header?: {
                /** @description The ETag from the last response; the server answers 304 when nothing changed. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of threads and the subject's unread count (for a badge). */
            200: {
                headers: {
                    ETag: components["headers"]["ListETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    startThread: {
        parameters: {
            query?: never;
            header: {
                /** @description One key per user intent (a UUID), reused on every retry of that intent. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewThread"];
            };
        };
        responses: {
            /** @description The new thread with its first message (also for an idempotent replay). */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    getThread: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag from the last response; the server answers 304 when nothing changed. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                threadId: components["parameters"]["ThreadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The thread. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadDetail"];
                };
            };
            304: components["responses"]["NotModified"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    sendMessage: {
        parameters: {
            query?: never;
            header: {
                /** @description One key per user intent (a UUID), reused on every retry of that intent. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                threadId: components["parameters"]["ThreadId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMessage"];
            };
        };
        responses: {
            /** @description The message as stored (also for an idempotent replay). */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    markThreadSeen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                threadId: components["parameters"]["ThreadId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeenRequest"];
            };
        };
        responses: {
            /** @description The unread counts after the change. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeenState"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                /** @description A thread id for a reply's draft, or `new` for the draft of a new thread. */
                draftKey: components["parameters"]["DraftKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    saveDraft: {
        parameters: {
            query?: never;
            header?: {
                /** @description The draft's current ETag, to replace it. */
                "If-Match"?: string;
                /** @description `*`, to create a draft that must not exist yet. */
                "If-None-Match"?: "*";
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                /** @description A thread id for a reply's draft, or `new` for the draft of a new thread. */
                draftKey: components["parameters"]["DraftKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DraftInput"];
            };
        };
        responses: {
            /** @description The saved draft. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Problem"];
        };
    };
    deleteDraft: {
        parameters: {
            query?: never;
            header: {
                /** @description The appointment's current strong ETag. */
                "If-Match": components["parameters"]["IfMatch"];
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                /** @description A thread id for a reply's draft, or `new` for the draft of a new thread. */
                draftKey: components["parameters"]["DraftKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Problem"];
        };
    };
    uploadAttachment: {
        parameters: {
            query?: never;
            header: {
                /** @description One key per user intent (a UUID), reused on every retry of that intent. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
                "Content-Disposition": string;
            };
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/pdf": string;
                "image/png": string;
                "image/jpeg": string;
            };
        };
        responses: {
            /** @description The stored attachment (also for an idempotent replay). */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedType"];
            422: components["responses"]["Unprocessable"];
            default: components["responses"]["Problem"];
        };
    };
    downloadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `me`, or an opaque subject id from `GET /v1/me`. */
                subjectId: components["parameters"]["SubjectId"];
                attachmentId: components["schemas"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The file, with `Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`
             *     and `Content-Security-Policy: sandbox`.
             */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/png": string;
                    "image/jpeg": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Problem"];
        };
    };
    getManagementFigures: {
        parameters: {
            query?: {
                /** @description The first month of the period (Europe/Oslo, `YYYY-MM`), included. */
                from?: components["parameters"]["FiguresFrom"];
                /** @description The last month of the period (Europe/Oslo, `YYYY-MM`), included; a finished month, so at the latest last month (the default). */
                to?: components["parameters"]["FiguresTo"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ManagementFigures"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            default: components["responses"]["Problem"];
        };
    };
    getManagementFiguresCsv: {
        parameters: {
            query?: {
                /** @description The first month of the period (Europe/Oslo, `YYYY-MM`), included. */
                from?: components["parameters"]["FiguresFrom"];
                /** @description The last month of the period (Europe/Oslo, `YYYY-MM`), included; a finished month, so at the latest last month (the default). */
                to?: components["parameters"]["FiguresTo"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures as CSV. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            default: components["responses"]["Problem"];
        };
    };
}
