package travelrule

import (
	"encoding/json"
	"unicode/utf8"
)

// topLevelFields splits a JSON object into its top-level members with the
// result json.Unmarshal into a map[string]json.RawMessage gives — keys
// unescaped the same way, the last of a repeated key kept — but in one
// validating pass and without copying: each value is the exact bytes of
// the member's value inside data, capped so that appending to it cannot
// overwrite data. The caller must own data and keep it unchanged. ok is
// false when data is not valid JSON or not an object (null included).
func topLevelFields(data []byte) (fields map[string]json.RawMessage, ok bool) {
	if !json.Valid(data) {
		return nil, false
	}
	// From here on data is valid JSON, which the scanning below relies on.
	i := skipSpace(data, 0)
	if data[i] != '{' {
		return nil, false
	}
	type member struct {
		key string
		val json.RawMessage
	}
	var buf [16]member
	members := buf[:0]
	i = skipSpace(data, i+1)
	for data[i] == '"' {
		end := stringEnd(data, i)
		key := memberKey(data[i:end])
		i = skipSpace(data, end) // at ':'
		i = skipSpace(data, i+1)
		vend := valueEnd(data, i)
		members = append(members, member{key, data[i:vend:vend]})
		i = skipSpace(data, vend)
		if data[i] != ',' {
			break // '}'
		}
		i = skipSpace(data, i+1)
	}
	fields = make(map[string]json.RawMessage, len(members))
	for _, m := range members {
		fields[m.key] = m.val
	}
	return fields, true
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index just past the string literal starting at
// data[i] (a quote).
func stringEnd(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++ // the escaped byte (the rest of \uXXXX is plain)
		case '"':
			return i + 1
		}
	}
	return len(data)
}

// valueEnd returns the index just past the value starting at data[i].
func valueEnd(data []byte, i int) int {
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				i = stringEnd(data, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(data)
	}
	// A number, true, false or null.
	for i < len(data) {
		switch data[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// memberKey returns the key a string literal decodes to. Keys without
// escapes (the usual case) are read as they are, names the SDK knows
// without allocating; others go through encoding/json, which also replaces
// invalid UTF-8 as it does for map keys.
func memberKey(lit []byte) string {
	inner := lit[1 : len(lit)-1]
	ascii := true
	for _, c := range inner {
		if c == '\\' {
			var k string
			_ = json.Unmarshal(lit, &k) // a valid literal: cannot fail
			return k
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if ascii {
		if k, ok := knownKeys[string(inner)]; ok {
			return k
		}
		return string(inner)
	}
	if !utf8.Valid(inner) {
		var k string
		_ = json.Unmarshal(lit, &k) // replaces invalid UTF-8 with U+FFFD
		return k
	}
	return string(inner)
}

// knownKeys are the member names Striga's responses and webhooks carry
// (or the SDK assumes), kept as constants so decoding does not allocate
// them.
var knownKeys = func() map[string]string {
	m := make(map[string]string)
	for _, k := range []string{
		"id", "url", "token", "expiresAt", "status", "forceVerifyOwnership", "reused",
		"createdAt", "updatedAt", "currency", "network", "paymentHash", "invoice",
		"userId", "businessId", "counterpartyAddress", "txHash", "type",
		"data", "amount", "accountId", "walletId", "timestamp",
		fieldCounterpartyID, fieldWalletVerificationID, fieldSubType,
	} {
		m[k] = k
	}
	return m
}()
