package gtr

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// VerifyStatus is GTR's verifyStatus: the outcome code of every response and
// callback (spec §10). A one-step call returns five of them as a verdict —
// a result the caller decides on (see IsVerdict); every other status comes
// back as an *APIError.
type VerifyStatus int

// Verify statuses published by GTR (TRVIP-0004, the errors pages) that a
// caller compares: the five verdicts of a one-step call, the result of a
// notification, and the answers a callback handler may give
// (PIIVerifyAnswer.Status).
const (
	StatusSuccess                    VerifyStatus = 100000 // success (verdict)
	StatusPending                    VerifyStatus = 100002 // pending (verdict): the counterparty answers later
	StatusCancelled                  VerifyStatus = 100028 // travel rule ended by a VASP (callback 17)
	StatusAddressNotFound            VerifyStatus = 200001 // address not found, or several matches (verdict)
	StatusDecryptFail                VerifyStatus = 200002 // PII cannot be decrypted
	StatusPIIVerifyFail              VerifyStatus = 200003 // PII mismatch or missing (verdict)
	StatusTxIDNotFound               VerifyStatus = 200007 // transaction id not found (verdict)
	StatusNoKYC                      VerifyStatus = 200008 // no KYC
	StatusNameMismatch               VerifyStatus = 200009 // IVMS name mismatch
	StatusSanctionList               VerifyStatus = 200010 // on a sanction list
	StatusOriginatorPIIInsufficient  VerifyStatus = 200011 // originator PII insufficient
	StatusBeneficiaryPIIInsufficient VerifyStatus = 200012 // beneficiary PII insufficient
	StatusUnhostedWrongOwner         VerifyStatus = 200013 // unhosted wallet: wrong owner
	StatusUnhostedCannotLocate       VerifyStatus = 200014 // unhosted wallet: cannot locate
	StatusBeneficiaryRejected        VerifyStatus = 200015 // beneficiary rejected the transfer
	StatusVASPRejected               VerifyStatus = 200016 // VASP rejected the request (not allow-listed, no due diligence)
	StatusWrongVASP                  VerifyStatus = 200017 // address exists at another VASP: re-run detection
)

// The statuses that only ever come back as an *APIError; test those with the
// sentinels (ErrUnauthorized, ErrDuplicate, ErrServer …). String names them.
const (
	statusCommonFail            VerifyStatus = 100001 // common / business failure; read the message
	statusLimitExceeded         VerifyStatus = 100003 // subscription quota exceeded (HTTP 402)
	statusBadParameters         VerifyStatus = 100004 // client bad parameters
	statusRequestIDDuplicated   VerifyStatus = 100005 // requestId already used
	statusServerFail            VerifyStatus = 100006 // GTR server failure
	statusInitiatorServerFail   VerifyStatus = 100007 // initiator / originator server failure
	statusReceiverServerFail    VerifyStatus = 100008 // receiver / beneficiary server failure
	statusSessionExpired        VerifyStatus = 100014 // login session expired
	statusVASPNotFound          VerifyStatus = 100015 // VASP not found
	statusPublicKeyNotFound     VerifyStatus = 100016 // VASP public key not found
	statusNoAuth                VerifyStatus = 100020 // no authentication
	statusNoLoginSession        VerifyStatus = 100021 // no login session
	statusInvalidParameters     VerifyStatus = 100023 // client invalid parameters
	statusWrongFlow             VerifyStatus = 100027 // calls out of order
	statusTxIDDuplicated        VerifyStatus = 100029 // txId already notified
	statusUnsupportedCallback   VerifyStatus = 100030 // callback replies: unknown callback type or entity
	statusChallengeHashMismatch VerifyStatus = 200004 // challenge hash does not match
	statusAddressVerifyFail     VerifyStatus = 200005 // address verification failed (incomplete info)
	statusEncryptFail           VerifyStatus = 200006 // PII cannot be encrypted
)

var statusNames = map[VerifyStatus]string{
	StatusSuccess:                    "SUCCESS",
	statusCommonFail:                 "COMMON_FAIL",
	StatusPending:                    "PENDING",
	statusLimitExceeded:              "LIMIT_EXCEEDED",
	statusBadParameters:              "BAD_PARAMETERS",
	statusRequestIDDuplicated:        "REQUEST_ID_DUPLICATED",
	statusServerFail:                 "GTR_SERVER_FAIL",
	statusInitiatorServerFail:        "INITIATOR_SERVER_FAIL",
	statusReceiverServerFail:         "RECEIVER_SERVER_FAIL",
	statusSessionExpired:             "SESSION_EXPIRED",
	statusVASPNotFound:               "VASP_NOT_FOUND",
	statusPublicKeyNotFound:          "VASP_PUBLIC_KEY_NOT_FOUND",
	statusNoAuth:                     "NO_AUTH",
	statusNoLoginSession:             "NO_LOGIN_SESSION",
	statusInvalidParameters:          "INVALID_PARAMETERS",
	statusWrongFlow:                  "WRONG_FLOW",
	StatusCancelled:                  "CANCELLED",
	statusTxIDDuplicated:             "TX_ID_DUPLICATED",
	statusUnsupportedCallback:        "UNSUPPORTED_CALLBACK",
	StatusAddressNotFound:            "ADDRESS_NOT_FOUND",
	StatusDecryptFail:                "PII_DECRYPT_FAIL",
	StatusPIIVerifyFail:              "PII_VERIFY_FAIL",
	statusChallengeHashMismatch:      "CHALLENGE_HASH_MISMATCH",
	statusAddressVerifyFail:          "ADDRESS_VERIFY_FAIL",
	statusEncryptFail:                "PII_ENCRYPT_FAIL",
	StatusTxIDNotFound:               "TX_ID_NOT_FOUND",
	StatusNoKYC:                      "NO_KYC",
	StatusNameMismatch:               "IVMS_NAME_MISMATCH",
	StatusSanctionList:               "SANCTION_LIST",
	StatusOriginatorPIIInsufficient:  "ORIGINATOR_PII_INSUFFICIENT",
	StatusBeneficiaryPIIInsufficient: "BENEFICIARY_PII_INSUFFICIENT",
	StatusUnhostedWrongOwner:         "UNHOSTED_WALLET_WRONG_OWNER",
	StatusUnhostedCannotLocate:       "UNHOSTED_WALLET_CANNOT_LOCATE",
	StatusBeneficiaryRejected:        "BENEFICIARY_REJECTED",
	StatusVASPRejected:               "VASP_REJECTED",
	StatusWrongVASP:                  "WRONG_VASP",
}

// String returns the status's name ("PENDING", "ADDRESS_NOT_FOUND" …), or
// its number for a code the SDK does not know.
func (s VerifyStatus) String() string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return strconv.Itoa(int(s))
}

// known reports whether s is a published status.
func (s VerifyStatus) known() bool {
	_, ok := statusNames[s]
	return ok
}

// IsVerdict reports whether s is a verification verdict — a result, not an
// error: 100000 success, 100002 pending, 200001 address not found, 200003
// PII verify failed, 200007 tx id not found. OneStep returns these as
// (result, nil) and every other status as an *APIError.
func (s VerifyStatus) IsVerdict() bool {
	switch s {
	case StatusSuccess, StatusPending, StatusAddressNotFound, StatusPIIVerifyFail, StatusTxIDNotFound:
		return true
	}
	return false
}

// UnmarshalJSON reads a status sent as a JSON number or numeric string.
func (s *VerifyStatus) UnmarshalJSON(data []byte) error {
	n, ok, err := flexInt(data)
	if err != nil {
		return fmt.Errorf("gtr: verifyStatus: %w", err)
	}
	if ok {
		*s = VerifyStatus(n)
	}
	return nil
}

// VerifyStage is how far a one-step travel rule got (verifyStage). GTR
// publishes the three values below; others are kept as sent.
type VerifyStage string

// Verify stages.
const (
	// StageAddressVerification: pre-transaction stage 1, the beneficiary
	// VASP checks the address.
	StageAddressVerification VerifyStage = "ADDRESS_VERIFICATION"
	// StageTransactionVerification: post-transaction stage 1, the
	// originating VASP checks the tx id.
	StageTransactionVerification VerifyStage = "TRANSACTION_VERIFICATION"
	// StagePIIVerification: stage 2, the counterparty verifies the PII.
	StagePIIVerification VerifyStage = "PII_VERIFICATION"
)

// Direction is a one-step travel rule's verifyDirection.
type Direction int

// Directions. The numbers are GTR's.
const (
	// PostTransaction (1, "receiver-to-sender"): the transfer is on chain;
	// we are the beneficiary VASP (a deposit) and ask the originating VASP.
	PostTransaction Direction = 1
	// PreTransaction (2, "sender-to-receiver"): before broadcasting; we are
	// the originating VASP (a withdrawal) and ask the beneficiary VASP.
	PreTransaction Direction = 2
)

// String returns "post-transaction", "pre-transaction", or
// "Direction(n)".
func (d Direction) String() string {
	switch d {
	case PostTransaction:
		return "post-transaction"
	case PreTransaction:
		return "pre-transaction"
	}
	return "Direction(" + strconv.Itoa(int(d)) + ")"
}

// valid reports whether d is PostTransaction or PreTransaction.
func (d Direction) valid() bool { return d == PostTransaction || d == PreTransaction }

// flexInt reads a JSON number or a string holding one. ok is false for
// null. Numbers must be integers that fit 32 bits.
func flexInt(data []byte) (n int, ok bool, err error) {
	s := string(data)
	if s == "null" {
		return 0, false, nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if err := json.Unmarshal(data, &s); err != nil {
			return 0, false, err
		}
	}
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, false, fmt.Errorf("not an integer")
	}
	return int(v), true, nil
}
