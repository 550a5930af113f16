package monitoring

import "encoding/json"

// NewPlatformEvent starts a userPlatformEvent of sub-type ev. The event
// constructors below cover Sumsub's accepted sub-types.
func NewPlatformEvent(txnID TxnID, ev EventType) *Builder {
	b := newBuilder(txnID, TypeUserPlatformEvent)
	b.t.UserPlatformEventInfo = &PlatformEventInfo{Type: ev}
	return b
}

// NewLogin starts a login event.
func NewLogin(txnID TxnID) *Builder { return NewPlatformEvent(txnID, EventLogin) }

// NewSignup starts a signup event.
func NewSignup(txnID TxnID) *Builder { return NewPlatformEvent(txnID, EventSignup) }

// NewPasswordReset starts a password reset event.
func NewPasswordReset(txnID TxnID) *Builder { return NewPlatformEvent(txnID, EventPasswordReset) }

// NewTwoFAReset starts a 2FA reset event.
func NewTwoFAReset(txnID TxnID) *Builder { return NewPlatformEvent(txnID, EventTwoFAReset) }

// NewGeneralEvent starts a general platform event.
func NewGeneralEvent(txnID TxnID) *Builder { return NewPlatformEvent(txnID, EventGeneral) }

func (b *Builder) event() *PlatformEventInfo {
	if b.t.UserPlatformEventInfo == nil {
		b.t.UserPlatformEventInfo = &PlatformEventInfo{}
	}
	return b.t.UserPlatformEventInfo
}

// Failure sets userPlatformEventInfo.failure, sent as given — false is sent
// explicitly. Sumsub's documentation contradicts itself on what true means
// (see PlatformEventInfo.Failure); follow what your Sumsub rules expect.
func (b *Builder) Failure(v bool) *Builder {
	ev := b.event()
	ev.Failure = v
	if !v {
		setRaw(&ev.Extra, "failure", "false")
	} else {
		delete(ev.Extra, "failure")
	}
	return b
}

// TwoFAUsed marks that two-factor authentication was used.
func (b *Builder) TwoFAUsed() *Builder {
	b.event().TwoFAUsed = true
	return b
}

// PasswordHash sets a hash of the password (never the password itself).
func (b *Builder) PasswordHash(h string) *Builder {
	b.event().PasswordHash = h
	return b
}

// NewGamblingBet starts a gamblingBet: amount staked in currency (ISO 4217).
func NewGamblingBet(txnID TxnID, amount, currency string) *Builder {
	b := newBuilder(txnID, TypeGamblingBet)
	b.t.GamblingBetInfo = &GamblingBetInfo{CurrencyCode: currency}
	b.t.GamblingBetInfo.Amount = b.number("gamblingBetInfo.amount", amount)
	return b
}

func (b *Builder) bet() *GamblingBetInfo {
	if b.t.GamblingBetInfo == nil {
		b.t.GamblingBetInfo = &GamblingBetInfo{}
	}
	return b.t.GamblingBetInfo
}

// BetResult sets the amount the bet paid out (resultAmount).
func (b *Builder) BetResult(amount string) *Builder {
	b.bet().ResultAmount = b.number("gamblingBetInfo.resultAmount", amount)
	return b
}

// Game sets the bet type (casino, sports, …) and game type (DICE_BET, …).
func (b *Builder) Game(betType, gameType string) *Builder {
	g := b.bet()
	g.BetType, g.GameType = betType, gameType
	return b
}

// BonusFunds marks the bet as made with the bonus bonusID.
func (b *Builder) BonusFunds(bonusID string) *Builder {
	g := b.bet()
	g.BonusID = bonusID
	delete(g.Extra, "bonusId")
	return b
}

// DepositFunds marks the bet as made with deposit funds: bonusId is sent
// as "".
func (b *Builder) DepositFunds() *Builder {
	g := b.bet()
	g.BonusID = ""
	setRaw(&g.Extra, "bonusId", `""`)
	return b
}

// NewGamblingBonusChange starts a gamblingBonusChange of bonus bonusID to
// status.
func NewGamblingBonusChange(txnID TxnID, bonusID string, status BonusStatus) *Builder {
	b := newBuilder(txnID, TypeGamblingBonusChange)
	b.t.GamblingBonusChangeInfo = &GamblingBonusChangeInfo{BonusID: bonusID, Status: status}
	return b
}

func (b *Builder) bonus() *GamblingBonusChangeInfo {
	if b.t.GamblingBonusChangeInfo == nil {
		b.t.GamblingBonusChangeInfo = &GamblingBonusChangeInfo{}
	}
	return b.t.GamblingBonusChangeInfo
}

// BonusAmount sets the bonus amount and its currency.
func (b *Builder) BonusAmount(amount, currency string, ct CurrencyType) *Builder {
	g := b.bonus()
	g.Amount = b.number("gamblingBonusChangeInfo.amount", amount)
	g.CurrencyCode, g.CurrencyType = currency, ct
	return b
}

// BonusTerms sets the most bonus a player can receive, the largest bet
// allowed and the wagering requirement ("" leaves one out).
func (b *Builder) BonusTerms(maxBonus, maxBet, wager string) *Builder {
	g := b.bonus()
	if maxBonus != "" {
		g.MaxBonusAmount = b.number("gamblingBonusChangeInfo.maxBonusAmount", maxBonus)
	}
	if maxBet != "" {
		g.MaxBetAmount = b.number("gamblingBonusChangeInfo.maxBetAmount", maxBet)
	}
	if wager != "" {
		g.WagerRequirement = b.number("gamblingBonusChangeInfo.wagerRequirement", wager)
	}
	return b
}

// rawInfo encodes an info object whose shape Sumsub does not publish.
func (b *Builder) rawInfo(field string, v any) json.RawMessage {
	if v == nil {
		return nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		if !json.Valid(raw) {
			b.fail(field, "FORMAT", "must be valid JSON", nil)
			return nil
		}
		return raw
	}
	raw, err := json.Marshal(v)
	if err != nil {
		b.fail(field, "FORMAT", "must encode as JSON", err)
		return nil
	}
	return raw
}

// NewGamblingLimitChange starts a gamblingLimitChange. Sumsub does not
// publish the shape of gamblingLimitChangeInfo (its docs describe deposit,
// loss, session-time and wagering limits with an amount, currency, dates
// and a period); info is sent as json.Marshal encodes it (a
// json.RawMessage as is; nil leaves it out).
func NewGamblingLimitChange(txnID TxnID, info any) *Builder {
	b := newBuilder(txnID, TypeGamblingLimitChange)
	b.t.GamblingLimitChangeInfo = b.rawInfo("gamblingLimitChangeInfo", info)
	return b
}

// NewKYC starts a kyc event transaction; info, when not nil, is sent as
// kytTxnKycInfo (shape not published; see NewGamblingLimitChange).
func NewKYC(txnID TxnID, info any) *Builder {
	b := newBuilder(txnID, TypeKYC)
	b.t.KYCInfo = b.rawInfo("kytTxnKycInfo", info)
	return b
}

// NewAuditTrailEvent starts an auditTrailEvent; info, when not nil, is
// sent as auditTrailEventInfo (shape not published; see
// NewGamblingLimitChange).
func NewAuditTrailEvent(txnID TxnID, info any) *Builder {
	b := newBuilder(txnID, TypeAuditTrailEvent)
	b.t.AuditTrailEventInfo = b.rawInfo("auditTrailEventInfo", info)
	return b
}
