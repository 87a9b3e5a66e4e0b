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
        /** Appointments and visits from all the subject's care services */
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Id: string;
        SubjectRef: string;
        /** @description A code from a code set; the client looks up the label. */
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
            version: string;
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
        };
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
        };
        /**
         * @description Stable problem `type` URNs.
         * @enum {string}
         */
        ProblemType: "urn:omsorg:problem:unauthorized" | "urn:omsorg:problem:insufficient-assurance" | "urn:omsorg:problem:forbidden" | "urn:omsorg:problem:not-found" | "urn:omsorg:problem:validation" | "urn:omsorg:problem:idempotency-key-missing" | "urn:omsorg:problem:idempotency-key-reused" | "urn:omsorg:problem:precondition-required" | "urn:omsorg:problem:precondition-failed" | "urn:omsorg:problem:deadline-passed" | "urn:omsorg:problem:not-cancellable" | "urn:omsorg:problem:rate-limited" | "urn:omsorg:problem:server-error" | "urn:omsorg:problem:unavailable";
        /** @description RFC 9457 problem details. */
        Problem: {
            type: components["schemas"]["ProblemType"];
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            /** @description Field errors for `validation`. */
            errors?: {
                /** @description JSON Pointer into the request body. */
                pointer: string;
                /** @enum {string} */
                code: "required" | "too-long" | "unknown-code" | "invalid";
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
        /** @description The appointment cannot be cancelled now (deadline passed, wrong status). */
        Conflict: {
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
        /** @description The Idempotency-Key was used before with a different request. */
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
        /** @description `me`, or an opaque subject id from `GET /v1/me`. */
        SubjectId: components["schemas"]["SubjectRef"];
        AppointmentId: components["schemas"]["Id"];
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
            header?: never;
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
                    "Cache-Control": components["headers"]["NoStore"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
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
            default: components["responses"]["Problem"];
        };
    };
}
