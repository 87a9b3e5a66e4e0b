// Generated from openapi.yaml by scripts/generate.mjs (Ajv standalone code). Do not edit.
/* eslint-disable */
/** One Ajv error (only what tests read). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
/** True when the value fits the schema; otherwise `errors` says where it does not. */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors?: SchemaError[] | null;
}
/** components.schemas.Id */
export declare const Id: SchemaValidator;
/** components.schemas.SubjectRef */
export declare const SubjectRef: SchemaValidator;
/** components.schemas.Version */
export declare const Version: SchemaValidator;
/** components.schemas.Coding */
export declare const Coding: SchemaValidator;
/** components.schemas.Me */
export declare const Me: SchemaValidator;
/** components.schemas.Person */
export declare const Person: SchemaValidator;
/** components.schemas.Subject */
export declare const Subject: SchemaValidator;
/** components.schemas.AppointmentStatus */
export declare const AppointmentStatus: SchemaValidator;
/** components.schemas.Appointment */
export declare const Appointment: SchemaValidator;
/** components.schemas.AppointmentSeries */
export declare const AppointmentSeries: SchemaValidator;
/** components.schemas.RecordSource */
export declare const RecordSource: SchemaValidator;
/** components.schemas.UnavailableSources */
export declare const UnavailableSources: SchemaValidator;
/** components.schemas.CareService */
export declare const CareService: SchemaValidator;
/** components.schemas.Location */
export declare const Location: SchemaValidator;
/** components.schemas.Contact */
export declare const Contact: SchemaValidator;
/** components.schemas.CancellationPolicy */
export declare const CancellationPolicy: SchemaValidator;
/** components.schemas.Cancellation */
export declare const Cancellation: SchemaValidator;
/** components.schemas.CancellationRequest */
export declare const CancellationRequest: SchemaValidator;
/** components.schemas.AppointmentPage */
export declare const AppointmentPage: SchemaValidator;
/** components.schemas.GrantedService */
export declare const GrantedService: SchemaValidator;
/** components.schemas.Extent */
export declare const Extent: SchemaValidator;
/** components.schemas.ServiceList */
export declare const ServiceList: SchemaValidator;
/** components.schemas.ReplyPolicy */
export declare const ReplyPolicy: SchemaValidator;
/** components.schemas.Recipient */
export declare const Recipient: SchemaValidator;
/** components.schemas.RecipientList */
export declare const RecipientList: SchemaValidator;
/** components.schemas.SenderRole */
export declare const SenderRole: SchemaValidator;
/** components.schemas.Sender */
export declare const Sender: SchemaValidator;
/** components.schemas.Attachment */
export declare const Attachment: SchemaValidator;
/** components.schemas.Message */
export declare const Message: SchemaValidator;
/** components.schemas.SeenBy */
export declare const SeenBy: SchemaValidator;
/** components.schemas.MessageExcerpt */
export declare const MessageExcerpt: SchemaValidator;
/** components.schemas.Thread */
export declare const Thread: SchemaValidator;
/** components.schemas.ThreadDetail */
export declare const ThreadDetail: SchemaValidator;
/** components.schemas.ThreadPage */
export declare const ThreadPage: SchemaValidator;
/** components.schemas.NewThread */
export declare const NewThread: SchemaValidator;
/** components.schemas.NewMessage */
export declare const NewMessage: SchemaValidator;
/** components.schemas.SeenRequest */
export declare const SeenRequest: SchemaValidator;
/** components.schemas.SeenState */
export declare const SeenState: SchemaValidator;
/** components.schemas.DraftInput */
export declare const DraftInput: SchemaValidator;
/** components.schemas.Draft */
export declare const Draft: SchemaValidator;
/** components.schemas.ConsentDecision */
export declare const ConsentDecision: SchemaValidator;
/** components.schemas.DialogueConsent */
export declare const DialogueConsent: SchemaValidator;
/** components.schemas.DialogueConsentChange */
export declare const DialogueConsentChange: SchemaValidator;
/** components.schemas.AccessLogKind */
export declare const AccessLogKind: SchemaValidator;
/** components.schemas.AccessLogAgent */
export declare const AccessLogAgent: SchemaValidator;
/** components.schemas.AccessLogCareService */
export declare const AccessLogCareService: SchemaValidator;
/** components.schemas.AccessLogEntry */
export declare const AccessLogEntry: SchemaValidator;
/** components.schemas.AccessLogPage */
export declare const AccessLogPage: SchemaValidator;
/** components.schemas.RelativeAccess */
export declare const RelativeAccess: SchemaValidator;
/** components.schemas.RelativeAccessList */
export declare const RelativeAccessList: SchemaValidator;
/** components.schemas.RelativeAccessRequest */
export declare const RelativeAccessRequest: SchemaValidator;
/** components.schemas.PersonLookup */
export declare const PersonLookup: SchemaValidator;
/** components.schemas.PersonLookupResult */
export declare const PersonLookupResult: SchemaValidator;
/** components.schemas.NoticeChannel */
export declare const NoticeChannel: SchemaValidator;
/** components.schemas.NoticeEvent */
export declare const NoticeEvent: SchemaValidator;
/** components.schemas.NoticeLanguage */
export declare const NoticeLanguage: SchemaValidator;
/** components.schemas.NoticeContact */
export declare const NoticeContact: SchemaValidator;
/** components.schemas.NoticePreview */
export declare const NoticePreview: SchemaValidator;
/** components.schemas.NoticePreferences */
export declare const NoticePreferences: SchemaValidator;
/** components.schemas.NoticePreferencesChange */
export declare const NoticePreferencesChange: SchemaValidator;
/** components.schemas.Suppressed */
export declare const Suppressed: SchemaValidator;
/** components.schemas.FigureCount */
export declare const FigureCount: SchemaValidator;
/** components.schemas.FigureStockCount */
export declare const FigureStockCount: SchemaValidator;
/** components.schemas.FigureNumber */
export declare const FigureNumber: SchemaValidator;
/** components.schemas.FiguresMonth */
export declare const FiguresMonth: SchemaValidator;
/** components.schemas.ManagementFigures */
export declare const ManagementFigures: SchemaValidator;
/** components.schemas.FiguresRow */
export declare const FiguresRow: SchemaValidator;
/** components.schemas.ProblemType */
export declare const ProblemType: SchemaValidator;
/** components.schemas.Problem */
export declare const Problem: SchemaValidator;
