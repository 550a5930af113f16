// Package ivms reads, checks, builds and writes IVMS101 payloads: the
// personal data VASPs exchange under the FATF Travel Rule.
//
// # The domain
//
// When your exchange sends crypto to another VASP (or receives it), the
// Travel Rule requires both sides to exchange who pays and who is paid. Every
// Travel Rule network — GTR, TRISA, TRP, Notabene, Sygna, CODE, Veriscope —
// carries that data as IVMS101, the interVASP Messaging Standard. A payload
// (IdentityPayload) has up to six entities: the Originator (your customer
// who sends), the Beneficiary (who receives), the OriginatingVASP and
// BeneficiaryVASP (the two exchanges), a TransferPath of intermediary VASPs,
// and PayloadMetadata. Each party is a Person: exactly one of a
// NaturalPerson (a human: names, addresses, national id, date and place of
// birth) or a LegalPerson (a company: legal and trading names, LEI or
// register number, country of registration). Account numbers are the
// wallet addresses involved.
//
// Two editions exist. IVMS101 2020 is what nearly everyone speaks (GTR
// declares piiSpecVersion "ivms101-2020"). IVMS101.2023 renamed a few
// elements, moved account numbers onto each person and added a mandatory
// payloadVersion. IdentityPayload holds the union of both; Version records
// which one a payload follows and Convert moves between them.
//
// # Dialects
//
// The standard defines a data model, not one JSON form, and providers
// disagree: GTR wraps the payload in {"ivms101": …} with PascalCase entity
// keys, Veriscope sends VASPs without their wrapper object and writes
// "postcode", TRISA's protojson uses snake_case and enum names like
// "NATURAL_PERSON_NAME_TYPE_CODE_LEGL" or plain numbers, Notabene sends
// "name" as an array, CODE leaves blank strings in. Unmarshal reads all of
// them into one model, and rejects keys it does not know, so that a typo
// never drops data silently. Marshal writes Canonical, GTR or IVMS2023 JSON.
//
// # Validation
//
// Validate checks everything the standard states: required elements and
// list sizes, text lengths in characters (a 40-character Chinese name is 40,
// not 120), code lists, ISO 3166-1 country codes (and XX), dates, and the
// twelve constraints C1–C12 as the standard words them — for instance C1:
// an originator who is a natural person needs an address, a customer id, a
// national id or a date and place of birth; C11: an LEI must be well formed,
// and by default its ISO 17442 check digits must match (LEIFormatOnly
// relaxes that, the standard's own example needs it); C12: transfer-path
// sequences run 0, 1, 2… . It returns every problem at once as
// ValidationErrors, each with the element's path and the rule's id, e.g.
//
//	originator.originatorPersons[0].naturalPerson [C1]
//
// Which entities a message must carry is each network's policy, not
// IVMS101's; the provider packages (such as gtr) add those checks.
//
// # Building payloads
//
// NewNaturalPerson, NewLegalPerson, NewVASP and NewPayload assemble the
// common cases in a few lines; Build validates the result.
//
// # Personal data
//
// Payloads are PII. Nothing in this package logs, and no error message
// quotes a value from a payload: errors name the element and the rule.
// Every model type prints "[REDACTED]" (its type and, for IdentityPayload,
// the edition and which entities are present) under every fmt verb and as a
// log/slog value (LogValue), so a stray %v or slog attribute leaks nothing,
// whichever slog handler writes it.
//
// json.Marshal writes IVMS101 JSON, never Go field names: an IdentityPayload
// in the Canonical dialect (as Marshal), any other model type as that
// element in Canonical names, with every value it holds; json.Unmarshal
// reads every dialect Unmarshal reads. JSON shows the PII: do not hand a
// model value (or a slice of them) to a logger's JSON encoder by any other
// route than slog's LogValue.
//
// # Reference data
//
// The ISO 3166-1 alpha-2 list (country.go) and a snapshot of the GLEIF
// Registration Authorities List (registration_authorities.txt, used for
// C10) are embedded; see those files for how to refresh them, and
// AllowRegistrationAuthorities for codes GLEIF added after the snapshot.
package ivms
