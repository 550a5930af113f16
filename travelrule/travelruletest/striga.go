package travelruletest

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
)

// This file holds what Striga publishes, written down in the fake itself:
// the fake never asks package travelrule (or its internal helpers) whether
// a request is valid or correctly signed, so an SDK bug cannot pass its
// own fake. Quotes are Striga's wording (docs.striga.com); where Striga
// publishes no error text, the fake answers with the documented rule's own
// sentence, and where it publishes no rule at all, the fake accepts.

// Striga's published texts, verbatim.
const (
	// Error codes ("Error codes" page).
	msgInvalidAPIKey     = "Invalid API Key"               // 30000
	msgInvalidAuthHeader = "Invalid Authentication Header" // 30012
	msgInternalError     = "Internal service error"        // 00013

	// "Create travel-rule widget session": body parameter descriptions
	// and the endpoint's rules.
	msgOneOwner      = "Provide exactly one of userId or businessId."
	msgOneIdentifier = "Provide exactly one of counterpartyAddress, paymentHash, or invoice."
	msgCurrency      = "Must be a supported LedgerCryptoNetworks key."
	msgNetwork       = "Must equal the network implied by currency."
	msgLightningOnly = "Lightning identifiers are valid on BTC / BTC only"
	msgPaymentHash   = "Lightning payment hash (64-character hex, BTC / BTC only)."
	msgInvoice       = "A bolt11 Lightning invoice (BTC / BTC only); decoded server-side to its payment hash."

	// "Verify self-hosted wallet ownership": the method enum's description.
	msgLivenessRoute = "SumSub liveness uses POST /counterparty/wallet-verification/sumsub/initiate instead."
)

// stdNetworks is the LedgerCryptoNetworks table as far as Striga states
// it for the travel-rule endpoints: BTC/BTC, ETH/ETH, SOL/SOL and
// POL/POLYGON. Striga publishes no full table.
func stdNetworks() travelrule.Networks {
	return travelrule.Networks{"BTC": "BTC", "ETH": "ETH", "SOL": "SOL", "POL": "POLYGON"}
}

// Ownership message templates ("Declare self-hosted counterparty", "Submit
// wallet verification" with "as customer"; "Verify self-hosted wallet
// ownership" without the word "customer").
const (
	ownershipHead     = "I am verifying ownership of the wallet address "
	ownershipCustomer = " as customer "
	ownershipAs       = " as "
	ownershipSigned   = ". This message was signed on "
	ownershipTail     = " to confirm my control over this wallet."
	ownershipDate     = "02/01/2006" // DD/MM/YYYY, UTC
)

// ownershipMessageOK reports whether message is the documented ownership
// sentence for addr and owner, in the "as customer" form (customer) or
// the other, dated yesterday, today or tomorrow on the UTC calendar of
// now. Apart from the date it must match character for character.
func ownershipMessageOK(message, addr, owner string, customer bool, now time.Time) bool {
	as := ownershipAs
	if customer {
		as = ownershipCustomer
	}
	date, ok := strings.CutPrefix(message, ownershipHead+addr+as+owner+ownershipSigned)
	if !ok {
		return false
	}
	date, ok = strings.CutSuffix(date, ownershipTail)
	if !ok || len(date) != len(ownershipDate) {
		return false
	}
	signed, err := time.Parse(ownershipDate, date)
	if err != nil || signed.Format(ownershipDate) != date {
		return false
	}
	today := now.UTC()
	for _, d := range []time.Time{today.AddDate(0, 0, -1), today, today.AddDate(0, 0, 1)} {
		if d.Format(ownershipDate) == date {
			return true
		}
	}
	return false
}

// Request signing ("Authenticating with the API"): headers api-key and
// Authorization: HMAC <time>:<signature>, where time is Unix milliseconds
// and signature the lower-case hex HMAC-SHA256, keyed with the API secret,
// of time + METHOD + endpoint + md5hex(body); endpoint is the path after
// /api/v1, and a request without a body (GET) hashes "{}"
// (99914b932bd37a50b983c5e7c90ae93b).
const (
	headerAPIKey        = "api-key"
	headerAuthorization = "Authorization"
	emptyBodyMD5Input   = "{}"
)

// authProblem is why a request's signature is refused; "" when it holds.
// Whether the query string is part of endpoint is not published: the fake
// signs the request URI after /api/v1 as sent, query included. skew > 0
// also refuses a time further than skew from now (Striga publishes no
// window).
func authProblem(authorization, method, endpoint string, body []byte, secret string, now time.Time, skew time.Duration) string {
	rest, ok := strings.CutPrefix(authorization, "HMAC ")
	if !ok {
		return "Authorization is not HMAC <time>:<signature>"
	}
	ms, sig, ok := strings.Cut(rest, ":")
	if !ok || ms == "" || strings.Trim(ms, "0123456789") != "" || len(ms) > 18 {
		return "Authorization is not HMAC <time>:<signature>"
	}
	got, err := hex.DecodeString(sig)
	if err != nil || len(got) != sha256.Size {
		return "signature is not 64 hex digits"
	}
	if skew > 0 {
		t, _ := strconv.ParseInt(ms, 10, 64)
		if d := now.Sub(time.UnixMilli(t)); d > skew || d < -skew {
			return "time outside the accepted window"
		}
	}
	if len(body) == 0 {
		body = []byte(emptyBodyMD5Input)
	}
	sum := md5.Sum(body)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ms + method + endpoint + hex.EncodeToString(sum[:])))
	if !hmac.Equal(got, mac.Sum(nil)) {
		return "signature does not match"
	}
	return ""
}

// webhookSignature is the "signature" header of a webhook ("Configuring
// webhooks"): lower-case hex HMAC-SHA256 of the body keyed with the API
// key.
func webhookSignature(body []byte, apiKey string) string {
	mac := hmac.New(sha256.New, []byte(apiKey))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// isUUID: Striga types userId, businessId and walletVerificationId as
// uuid; the fake takes the canonical 8-4-4-4-12 hex form, any case.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return false
			}
		} else if !isHexByte(s[i]) {
			return false
		}
	}
	return true
}

// isHex64: "64-character hex".
func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHexByte(s[i]) {
			return false
		}
	}
	return true
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
