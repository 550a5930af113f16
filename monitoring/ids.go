package monitoring

// Ids that could be confused have their own types, so that passing one
// where another is due does not compile: Get takes Result.ID, GetByTxnID
// takes Transaction.TxnID. Each is a string on the wire, sent and kept as
// received; convert a stored string with TransactionID(s) or TxnID(s).
// Applicant ids stay strings: SubmitForApplicant's signature is fixed, and
// no call takes an applicant id beside a transaction id.

// TransactionID is Sumsub's id of a transaction: Result.ID ("id" on the
// wire, 24 hex characters), also WebhookEvent.KytTxnID and Note.TxnID.
// Sumsub assigns it when the transaction is stored; keep it, since Get,
// Approve, Reject, Rescore, the Travel Rule calls, notes and tags take it.
type TransactionID string

// TxnID is our own id of a transaction: Transaction.TxnID ("txnId" on the
// wire), chosen by the caller and unique per transaction; Sumsub keys
// submits by it. Also Result.TxnID() and WebhookEvent.KytDataTxnID. Look a
// transaction up by it with GetByTxnID.
type TxnID string
