package monitoringtest

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/vaspkit/vaspkit/monitoring"
)

// Verdict is what a rule says about a transaction. The zero Verdict means
// the rule did not match.
type Verdict struct {
	// Rule names the rule in scoringResult.matchedRules.
	Rule string
	// Score is added to the transaction's score.
	Score int
	// Action is score, onHold, awaitUser or reject.
	Action monitoring.ScoringAction
}

// Matched reports whether the verdict is a match.
func (v Verdict) Matched() bool { return v.Action != "" }

// Rule scores a transaction.
type Rule func(*monitoring.Transaction) Verdict

// amount returns the transaction's main amount, or nil. It reads the
// number's token itself: a JSON number, or a string holding one.
func amount(t *monitoring.Transaction) *big.Rat {
	var n monitoring.Number
	switch {
	case t.Info != nil:
		n = t.Info.Amount
	case t.GamblingBetInfo != nil:
		n = t.GamblingBetInfo.Amount
	case t.GamblingBonusChangeInfo != nil:
		n = t.GamblingBonusChangeInfo.Amount
	}
	return ratOf(n.Raw())
}

// ratOf parses a JSON number token, or a JSON string holding one, of at
// most 64 characters (longer ones are no amount a rule compares).
func ratOf(tok string) *big.Rat {
	if len(tok) > 64 {
		return nil
	}
	if s, err := strconv.Unquote(tok); err == nil && strings.HasPrefix(tok, `"`) {
		tok = strings.TrimSpace(s)
	}
	if !decimalText.MatchString(tok) {
		return nil
	}
	if i := strings.IndexAny(tok, "eE"); i >= 0 && len(tok)-i > 5 {
		return nil // an exponent beyond ±999: big.Rat would expand it
	}
	r, ok := new(big.Rat).SetString(tok)
	if !ok {
		return nil
	}
	return r
}

// amountAbove matches transactions whose amount exceeds threshold (decimal
// text; a threshold that is not a decimal never matches).
func amountAbove(name, threshold string, score int, action monitoring.ScoringAction) Rule {
	limit, ok := new(big.Rat).SetString(threshold)
	return func(t *monitoring.Transaction) Verdict {
		if !ok {
			return Verdict{}
		}
		if a := amount(t); a != nil && a.Cmp(limit) > 0 {
			return Verdict{Rule: name, Score: score, Action: action}
		}
		return Verdict{}
	}
}

// RejectAbove rejects (RED) transactions whose amount exceeds threshold.
func RejectAbove(threshold string) Rule {
	return amountAbove("reject-above-"+threshold, threshold, 100, monitoring.ActionReject)
}

// HoldAbove puts on hold transactions whose amount exceeds threshold.
func HoldAbove(threshold string) Rule {
	return amountAbove("hold-above-"+threshold, threshold, 50, monitoring.ActionOnHold)
}

// ScoreAbove adds score to transactions whose amount exceeds threshold
// without changing the outcome.
func ScoreAbove(threshold string, score int) Rule {
	return amountAbove("score-above-"+threshold, threshold, score, monitoring.ActionScore)
}

// countries returns the alpha-3 countries a transaction touches.
func countries(t *monitoring.Transaction) []string {
	var out []string
	for _, p := range []*monitoring.Participant{t.Applicant, t.Counterparty} {
		if p == nil {
			continue
		}
		if p.Address != nil && p.Address.Country != "" {
			out = append(out, p.Address.Country)
		}
		if p.ResidenceCountry != "" {
			out = append(out, p.ResidenceCountry)
		}
		if p.Device != nil && p.Device.IPInfo != nil && p.Device.IPInfo.CountryCode3 != "" {
			out = append(out, p.Device.IPInfo.CountryCode3)
		}
		if p.InstitutionInfo != nil && p.InstitutionInfo.Address != nil && p.InstitutionInfo.Address.Country != "" {
			out = append(out, p.InstitutionInfo.Address.Country)
		}
	}
	return out
}

// HoldCountry puts on hold transactions touching one of the countries
// (ISO 3166-1 alpha-3: addresses, residence, IP country, institution).
func HoldCountry(alpha3 ...string) Rule {
	return func(t *monitoring.Transaction) Verdict {
		for _, c := range countries(t) {
			if slices.Contains(alpha3, c) {
				return Verdict{Rule: "hold-country-" + c, Score: 50, Action: monitoring.ActionOnHold}
			}
		}
		return Verdict{}
	}
}

// RejectWallet rejects transactions whose counterparty wallet is one of
// addresses (a sanctions list).
func RejectWallet(addresses ...string) Rule {
	return func(t *monitoring.Transaction) Verdict {
		cp := t.Counterparty
		if cp != nil && cp.PaymentMethod != nil && slices.Contains(addresses, cp.PaymentMethod.AccountID) {
			return Verdict{Rule: "sanctioned-wallet", Score: 100, Action: monitoring.ActionReject}
		}
		return Verdict{}
	}
}

// FailedLogins puts failed login events (failure true) on hold.
func FailedLogins() Rule {
	return func(t *monitoring.Transaction) Verdict {
		ev := t.UserPlatformEventInfo
		if t.Type == monitoring.TypeUserPlatformEvent && ev != nil && ev.Type == monitoring.EventLogin && ev.Failure {
			return Verdict{Rule: "failed-login", Score: 10, Action: monitoring.ActionOnHold}
		}
		return Verdict{}
	}
}

var actionRank = map[monitoring.ScoringAction]int{
	monitoring.ActionScore:     1,
	monitoring.ActionOnHold:    2,
	monitoring.ActionAwaitUser: 3,
	monitoring.ActionReject:    4,
}

// score runs the rules and fills res's score, scoringResult and review.
func (s *Server) score(res *monitoring.Result) {
	action := monitoring.ActionScore
	total := 0
	matched := []monitoring.MatchedRule{}
	for i, r := range s.rules {
		v := r(res.Data)
		if !v.Matched() {
			continue
		}
		total += v.Score
		name := v.Rule
		if name == "" {
			name = "rule-" + strconv.Itoa(i+1)
		}
		matched = append(matched, monitoring.MatchedRule{
			ID:     "rule" + strconv.Itoa(i+1),
			Name:   name,
			Title:  name,
			Score:  monitoring.NumberFromInt(int64(v.Score)),
			Action: v.Action,
		})
		if actionRank[v.Action] > actionRank[action] {
			action = v.Action
		}
	}
	res.Score = monitoring.NumberFromInt(int64(total))
	res.ScoringResult = &monitoring.ScoringResult{Action: action, MatchedRules: matched}
	if res.Review == nil {
		res.Review = &monitoring.Review{}
	}
	rv := res.Review
	rv.ReviewResult = nil
	switch action {
	case monitoring.ActionReject:
		rv.ReviewStatus = monitoring.StatusCompleted
		rv.ReviewResult = &monitoring.ReviewResult{ReviewAnswer: monitoring.Red, ReviewRejectType: monitoring.RejectFinal}
	case monitoring.ActionAwaitUser:
		rv.ReviewStatus = monitoring.StatusAwaitingUser
	case monitoring.ActionOnHold:
		rv.ReviewStatus = monitoring.StatusOnHold
	default:
		rv.ReviewStatus = monitoring.StatusCompleted
		rv.ReviewResult = &monitoring.ReviewResult{ReviewAnswer: monitoring.Green}
	}
}
