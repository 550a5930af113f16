package monitoringtest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
)

// vaspEntry is an entry of the fake's VASP directory.
type vaspEntry struct{ id, name string }

// SandboxTestVASP is the id of the test VASP Sumsub's sandbox offers for
// the "counterparty VASP not reachable" path; the fake's directory lists
// it by default.
const SandboxTestVASP = "683584cd36898664230ee173"

func defaultVASPs() []vaspEntry {
	return []vaspEntry{{id: SandboxTestVASP, name: "Sumsub Sandbox Test VASP"}}
}

// currencyEntry is a currency the fake lists.
type currencyEntry struct{ code, chain string }

// defaultCurrencies are the entries of Sumsub's documented example answer
// (ETH, USDT on ETH, BTC; USD, MKD) with the assets its other examples
// use (USDT on TRX; EUR, GBP).
func defaultCurrencies() map[string][]currencyEntry {
	return map[string][]currencyEntry{
		"crypto": {{"ETH", ""}, {"USDT", "ETH"}, {"USDT", "TRX"}, {"BTC", ""}},
		"fiat":   {{"USD", ""}, {"EUR", ""}, {"GBP", ""}, {"MKD", ""}},
	}
}

// listBody is the fake's list answer. Sumsub publishes
// {"list":{"items":[…],"totalItems":n}} for notes only; for the VASP
// directory and Find it publishes no shape, and the fake answers
// {"items":[…],"totalItems":n}.
func listBody(items []json.RawMessage, total int) map[string]any {
	if items == nil {
		items = []json.RawMessage{}
	}
	return map[string]any{"items": items, "totalItems": total}
}

// queryInt reads a non-negative integer query parameter; absent is def.
func queryInt(q url.Values, key string, def int) (int, bool) {
	v := q.Get(key)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0
}

// handleVASPs serves GET /resources/vasps/-?q=&limit=&offset=: q matches
// names case-insensitively; limit defaults to 100.
func (s *Server) handleVASPs(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, ok1 := queryInt(q, "limit", 100)
	offset, ok2 := queryInt(q, "offset", 0)
	if !ok1 || !ok2 {
		s.writeError(w, errMalformed)
		return
	}
	search := strings.ToLower(q.Get("q"))
	var match []json.RawMessage
	for _, v := range s.vasps {
		if search == "" || strings.Contains(strings.ToLower(v.name), search) {
			b, _ := json.Marshal(map[string]string{"id": v.id, "name": v.name})
			match = append(match, b)
		}
	}
	total := len(match)
	match = match[min(offset, len(match)):]
	match = match[:min(limit, len(match))]
	s.writeJSON(w, listBody(match, total))
}

// handleVASP serves GET /resources/api/vasps/{id}/one.
func (s *Server) handleVASP(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	for _, v := range s.vasps {
		if v.id == id {
			s.writeJSON(w, map[string]string{"id": v.id, "name": v.name})
			return
		}
	}
	s.writeError(w, errNotFound("VASP"))
}

// handleCurrencies serves GET /resources/kyt/currency?type=crypto|fiat, a
// JSON array of {currencyCode, cryptoChain}; without a type, both. Sumsub
// publishes no answer to another type: the fake's is 400 Malformed data.
func (s *Server) handleCurrencies(w http.ResponseWriter, r *http.Request) {
	var types []string
	switch t := r.URL.Query().Get("type"); t {
	case "":
		types = []string{"crypto", "fiat"}
	case "crypto", "fiat":
		types = []string{t}
	default:
		s.writeError(w, errMalformed)
		return
	}
	out := []map[string]string{}
	for _, t := range types {
		for _, c := range s.currencies[t] {
			out = append(out, map[string]string{"currencyCode": c.code, "cryptoChain": c.chain})
		}
	}
	s.writeJSON(w, out)
}

// findPrefix is the path of Find; the filters follow in one segment.
const findPrefix = "/resources/kyt/txns/query/"

// maxWalletAddresses is the most entries one wallet import takes (Sumsub:
// up to 10,000 per request).
const maxWalletAddresses = 10000

// findFilter is one parsed matrix parameter of a Find path.
type findFilter struct{ path, op, value string }

// parseFilters reads "-;path=value;…" from the escaped path segment, each
// value unescaped on its own so an escaped ';' stays in the value.
func parseFilters(seg string) ([]findFilter, bool) {
	parts := strings.Split(seg, ";")
	if parts[0] != "-" {
		return nil, false
	}
	var out []findFilter
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, false
		}
		val, err := url.PathUnescape(v)
		if err != nil {
			return nil, false
		}
		f := findFilter{path: k, value: val}
		for _, op := range []string{"__gte", "__lte"} {
			if base, ok := strings.CutSuffix(k, op); ok {
				f.path, f.op = base, op
			}
		}
		if f.path == "" {
			return nil, false
		}
		out = append(out, f)
	}
	return out, true
}

// handleFind serves GET /resources/kyt/txns/query/-;{filters}?order=&limit=.
// A filter matches a stored transaction whose field at the path (data.…)
// equals the value; __gte and __lte compare data.txnDate (the value in
// UTC, YYYY-MM-DD hh:mm:ss) and numbers. order is createdAt or
// -createdAt (default: creation order). Sumsub does not publish the
// answer's shape: see listBody.
func (s *Server) handleFind(w http.ResponseWriter, r *http.Request) {
	seg := strings.TrimPrefix(r.URL.EscapedPath(), findPrefix)
	filters, ok := parseFilters(seg)
	if !ok || strings.Contains(seg, "/") {
		s.writeError(w, errNotFound("Resource"))
		return
	}
	q := r.URL.Query()
	limit, ok := queryInt(q, "limit", -1)
	if !ok {
		s.writeError(w, errMalformed)
		return
	}
	s.mu.Lock()
	var items []json.RawMessage
	for _, id := range s.order {
		rec, ok := s.txns[id]
		if !ok {
			continue
		}
		data, _ := rec.res.Data.MarshalJSON()
		view, _ := decodeObject(data)
		if !matchAll(view, filters) {
			continue
		}
		b, err := rec.res.MarshalJSON()
		if err == nil {
			items = append(items, b)
		}
	}
	s.mu.Unlock()
	if q.Get("order") == "-createdAt" {
		slices.Reverse(items)
	}
	total := len(items)
	if limit >= 0 {
		items = items[:min(limit, len(items))]
	}
	s.writeJSON(w, listBody(items, total))
}

func matchAll(data object, filters []findFilter) bool {
	for _, f := range filters {
		path, ok := strings.CutPrefix(f.path, "data.")
		if !ok || !matchOne(field(data, path), f) {
			return false
		}
	}
	return true
}

const findDateLayout = "2006-01-02 15:04:05"

func matchOne(v any, f findFilter) bool {
	if f.path == "data.txnDate" {
		got, err1 := time.Parse("2006-01-02 15:04:05-0700", text(v))
		want, err2 := time.ParseInLocation(findDateLayout, f.value, time.UTC)
		if err1 != nil || err2 != nil {
			return false
		}
		cmp := got.Compare(want)
		return f.op == "" && cmp == 0 || f.op == "__gte" && cmp >= 0 || f.op == "__lte" && cmp <= 0
	}
	if f.op != "" {
		var cmp int
		{
			got, want := ratOf(text(v)), ratOf(f.value)
			if got == nil || want == nil {
				return false
			}
			cmp = got.Cmp(want)
		}
		return f.op == "__gte" && cmp >= 0 || f.op == "__lte" && cmp <= 0
	}
	if n, ok := v.(json.Number); ok {
		got, want := ratOf(string(n)), ratOf(f.value)
		return got != nil && want != nil && got.Cmp(want) == 0
	}
	return v != nil && text(v) == f.value
}

// text is a JSON scalar's text.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// handleSDKInit serves POST /resources/tr/sdk/init. Sumsub marks userId
// and txnInfo required and documents the answer {"token", "link",
// "ttlInSecs"} and, with the feature off, a 403 (its text verbatim); the
// fake answers 400 Malformed data to a body without userId or txnInfo, or
// with a ttlInSecs or txnInfo.amount that is not a number (Sumsub
// publishes no text for those).
func (s *Server) handleSDKInit(w http.ResponseWriter, r *http.Request) {
	if s.noTravelRuleSDK {
		s.writeError(w, errFeatureOff)
		return
	}
	body, _ := io.ReadAll(r.Body)
	req, ok := decodeObject(body)
	_, user := str(req, "userId")
	_, info := obj(req, "txnInfo")
	if !ok || !user || !info || !number(req, "ttlInSecs", true) || !number(req, "txnInfo.amount", true) {
		s.writeError(w, errMalformed)
		return
	}
	ttl := big.NewRat(1800, 1)
	if v := field(req, "ttlInSecs"); v != nil {
		ttl = ratOf(strconv.Quote(text(v)))
		if ttl == nil || !ttl.IsInt() || ttl.Sign() <= 0 {
			s.writeError(w, errMalformed)
			return
		}
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	s.writeJSON(w, map[string]any{
		"token":     "_act-" + token + "-v2",
		"link":      s.URL + "/websdk/p/" + token,
		"ttlInSecs": json.Number(ttl.Num().String()),
	})
}

// handleWalletImport serves POST /resources/kyt/walletAddress/import: a
// JSON array of at most 10 000 entries, each with walletAddress or
// walletAddressHash. Valid entries enter the Wallet Address Book (and
// pre-answer "is this wallet ours?" on inbound Travel Rule transfers to
// them); the others are counted and listed. Sumsub documents the answer
// {"successCount","errorCount","errors"} but not the error entries: the
// fake's are {"index","description"}. A body that is not such an array is
// 400 Malformed data (Sumsub publishes no text for it). Sumsub checks an
// address against a hash sent with it; its hash is not published, so the
// fake does not.
func (s *Server) handleWalletImport(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	v, ok := decodeJSON(body)
	entries, isArray := v.([]any)
	if !ok || !isArray || len(entries) > maxWalletAddresses {
		s.writeError(w, errMalformed)
		return
	}
	success := 0
	errs := []map[string]any{}
	s.mu.Lock()
	for i, e := range entries {
		o, _ := e.(object)
		addr, hasAddr := str(o, "walletAddress")
		hash, hasHash := str(o, "walletAddressHash")
		if !hasAddr && !hasHash {
			errs = append(errs, map[string]any{"index": i, "description": "walletAddress or walletAddressHash is required"})
			continue
		}
		if hasAddr {
			s.walletBook[addr] = true
		}
		if hasHash {
			s.walletBook[hash] = true
		}
		success++
	}
	s.mu.Unlock()
	s.writeJSON(w, map[string]any{"successCount": success, "errorCount": len(errs), "errors": errs})
}

// handlePayment serves POST /resources/applicants/{applicantId}/payments:
// data.type is required; the answer is the payment method as stored,
// with its new id. A crypto wallet registered so pre-answers both
// questions of an inbound Travel Rule transfer to it. Sumsub publishes no
// text for a missing data.type (400 Malformed data here) or an unknown
// applicant (404 here).
func (s *Server) handlePayment(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	pm, ok := decodeObject(body)
	if _, typ := str(pm, "data.type"); !ok || !typ {
		s.writeError(w, errMalformed)
		return
	}
	applicantID := r.PathValue("applicantId")
	s.mu.Lock()
	if !s.applicantOK[applicantID] {
		s.mu.Unlock()
		s.writeError(w, errNotFound("Applicant"))
		return
	}
	pm["id"] = s.nextID("65b0c0de")
	stored, _ := json.Marshal(pm)
	s.payments[applicantID] = append(s.payments[applicantID], stored)
	if addr, ok := str(pm, "data.accountIdentifier"); ok {
		s.paymentWallets[addr] = applicantID
	}
	s.mu.Unlock()
	writeBody(w, stored)
}

// WalletAddresses returns the addresses and hashes in the fake's Wallet
// Address Book, sorted.
func (s *Server) WalletAddresses() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.walletBook))
	for a := range s.walletBook {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// PaymentMethods returns the payment methods registered for an applicant,
// in order.
func (s *Server) PaymentMethods(applicantID string) []monitoring.ApplicantPaymentMethod {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []monitoring.ApplicantPaymentMethod
	for _, b := range s.payments[string(applicantID)] {
		var pm monitoring.ApplicantPaymentMethod
		if json.Unmarshal(b, &pm) == nil {
			out = append(out, pm)
		}
	}
	return out
}
