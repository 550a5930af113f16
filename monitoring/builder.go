package monitoring

import (
	"errors"
	"time"
)

// Builder builds a Transaction fluently. Start from a constructor for the
// transaction type (NewCryptoWithdrawal, NewTravelRule, NewLogin, …), set
// what you know, and call Build:
//
//	txn, err := monitoring.NewCryptoWithdrawal("wd-1001", "250.00", "USDT").
//		Chain("TRX").
//		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
//		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
//		Date(time.Now()).
//		Build()
//
// Setters record what is wrong with their input (an amount that is not a
// decimal, say) by field path; Build reports it, together with what
// Transaction.Validate finds, in one *ValidationError. A Builder builds one
// transaction.
type Builder struct {
	t        Transaction
	problems problems
}

func newBuilder(txnID TxnID, typ TxnType) *Builder {
	return &Builder{t: Transaction{TxnID: txnID, Type: typ}}
}

// fail records a problem with a setter's input: its field path and rule,
// never the value. cause (nil or an error for errors.Is) is not printed.
func (b *Builder) fail(path, constraint, msg string, cause error) {
	b.problems = append(b.problems, FieldError{Path: path, Rule: constraint, Message: msg, Err: cause})
}

func (b *Builder) number(field, s string) Number {
	n, err := ParseNumber(s)
	if err != nil {
		b.fail(field, "FORMAT", "must be a JSON decimal number", err)
	}
	return n
}

func (b *Builder) info() *Info {
	if b.t.Info == nil {
		b.t.Info = &Info{}
	}
	return b.t.Info
}

func (b *Builder) counterparty() *Participant {
	if b.t.Counterparty == nil {
		b.t.Counterparty = &Participant{}
	}
	return b.t.Counterparty
}

// money starts a finance or travelRule builder.
func money(txnID TxnID, typ TxnType, dir Direction, amount, currency string, ct CurrencyType) *Builder {
	b := newBuilder(txnID, typ)
	in := b.info()
	in.Direction, in.CurrencyCode, in.CurrencyType = dir, currency, ct
	in.Amount = b.number("info.amount", amount)
	return b
}

// NewFinance starts a finance transaction: amount (decimal text, e.g.
// "0.00125") of currency moving in direction dir. Set the currency type
// with CurrencyType, or use the crypto and fiat constructors.
func NewFinance(txnID TxnID, dir Direction, amount, currency string) *Builder {
	return money(txnID, TypeFinance, dir, amount, currency, "")
}

// NewCryptoWithdrawal starts a crypto withdrawal: a finance transaction,
// direction out, currency type crypto.
func NewCryptoWithdrawal(txnID TxnID, amount, currency string) *Builder {
	return money(txnID, TypeFinance, Out, amount, currency, Crypto)
}

// NewCryptoDeposit starts a crypto deposit: a finance transaction,
// direction in, currency type crypto.
func NewCryptoDeposit(txnID TxnID, amount, currency string) *Builder {
	return money(txnID, TypeFinance, In, amount, currency, Crypto)
}

// NewFiatPayment starts a fiat finance transaction (currency ISO 4217).
func NewFiatPayment(txnID TxnID, dir Direction, amount, currency string) *Builder {
	return money(txnID, TypeFinance, dir, amount, currency, Fiat)
}

// NewTravelRule starts a travelRule transaction (currency type crypto). It
// needs a counterparty; leave the chain hash out until after broadcast and
// link it then with Client.PatchChainTxID.
func NewTravelRule(txnID TxnID, dir Direction, amount, currency string) *Builder {
	return money(txnID, TypeTravelRule, dir, amount, currency, Crypto)
}

// Date sets txnDate from t, in t's zone offset ("2006-01-02 15:04:05-0700").
func (b *Builder) Date(t time.Time) *Builder {
	b.t.TxnDate = NewTime(t)
	return b
}

// ZoneID sets zoneId, e.g. "UTC+01:00".
func (b *Builder) ZoneID(z string) *Builder {
	b.t.ZoneID = z
	return b
}

// SourceKey sets sourceKey, which segregates access to transactions.
func (b *Builder) SourceKey(k string) *Builder {
	b.t.SourceKey = k
	return b
}

// Prop sets the custom property key to the string value v.
func (b *Builder) Prop(key, v string) *Builder {
	if b.t.Props == nil {
		b.t.Props = Props{}
	}
	b.t.Props.Set(key, v)
	return b
}

// Props sets every custom property at once, each value as given (see
// PropString and PropNumber), replacing those set before.
func (b *Builder) Props(p Props) *Builder {
	if p == nil {
		b.t.Props = nil
		return b
	}
	b.t.Props = make(Props, len(p))
	for k, v := range p {
		b.t.Props[k] = v
	}
	return b
}

// Applicant sets our customer.
func (b *Builder) Applicant(p *Participant) *Builder {
	b.t.Applicant = p
	return b
}

// Counterparty sets the other side.
func (b *Builder) Counterparty(p *Participant) *Builder {
	b.t.Counterparty = p
	return b
}

// CurrencyType sets the currency type of what the transaction moves:
// gamblingBetInfo.currencyType for a gambling bet,
// gamblingBonusChangeInfo.currencyType for a bonus change,
// info.currencyType otherwise.
func (b *Builder) CurrencyType(ct CurrencyType) *Builder {
	switch b.t.Type {
	case TypeGamblingBet:
		b.bet().CurrencyType = ct
	case TypeGamblingBonusChange:
		b.bonus().CurrencyType = ct
	default:
		b.info().CurrencyType = ct
	}
	return b
}

// MCC sets info.mcc, the merchant category code (decimal text, "5698").
func (b *Builder) MCC(code string) *Builder {
	b.info().MCC = b.number("info.mcc", code)
	return b
}

// Chain sets info.cryptoParams.cryptoChain: the chain of a token on a
// non-native chain (TRX for USDT-TRC20, ETH for USDT-ERC20).
func (b *Builder) Chain(chain string) *Builder {
	in := b.info()
	if in.CryptoParams == nil {
		in.CryptoParams = &CryptoParams{}
	}
	in.CryptoParams.CryptoChain = chain
	return b
}

// ContractAddress sets info.cryptoParams.contractAddress.
func (b *Builder) ContractAddress(addr string) *Builder {
	in := b.info()
	if in.CryptoParams == nil {
		in.CryptoParams = &CryptoParams{}
	}
	in.CryptoParams.ContractAddress = addr
	return b
}

// ChainTxID sets info.paymentTxnId, the chain transaction hash; with a
// crypto currency type it makes the transaction a crypto check.
func (b *Builder) ChainTxID(hash string) *Builder {
	b.info().PaymentTxnID = hash
	return b
}

// AmountInDefaultCurrency sets the pre-converted amount Travel Rule
// thresholds use, and its currency.
func (b *Builder) AmountInDefaultCurrency(amount, currency string) *Builder {
	in := b.info()
	in.AmountInDefaultCurrency = b.number("info.amountInDefaultCurrency", amount)
	in.DefaultCurrencyCode = currency
	return b
}

// PaymentDetails sets info.paymentDetails, a free-text comment.
func (b *Builder) PaymentDetails(s string) *Builder {
	b.info().PaymentDetails = s
	return b
}

// Category sets info.type, a free-form category (withdrawal, deposit, …).
func (b *Builder) Category(s string) *Builder {
	b.info().Type = s
	return b
}

// CounterpartyWallet sets the counterparty's wallet address
// (counterparty.paymentMethod, type crypto).
func (b *Builder) CounterpartyWallet(address string) *Builder {
	b.counterparty().WithWallet(address)
	return b
}

// CounterpartyVASP names the counterparty's VASP by Sumsub's VASP id
// (institutionInfo.internalId) and name.
func (b *Builder) CounterpartyVASP(internalID, name string) *Builder {
	b.counterparty().WithVASP(internalID, name)
	return b
}

// Build returns the transaction, or a *ValidationError listing the
// problems the setters recorded with their input, then those
// Transaction.Validate finds in fields the setters did not already report.
// A bad amount matches ErrInvalidNumber as well as ErrValidation and
// ErrInvalidRequest.
func (b *Builder) Build() (*Transaction, error) {
	t := b.t
	err := t.Validate()
	if len(b.problems) == 0 {
		if err != nil {
			return nil, err
		}
		return &t, nil
	}
	all := append(problems(nil), b.problems...)
	var ve *ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			if !b.problems.has(p.Path) {
				all = append(all, p)
			}
		}
	}
	return nil, &ValidationError{Problems: all}
}

// NewPerson returns an individual participant.
func NewPerson(externalUserID, fullName string) *Participant {
	return &Participant{Type: Individual, ExternalUserID: externalUserID, FullName: fullName}
}

// NewCompany returns a company participant.
func NewCompany(externalUserID, legalName string) *Participant {
	return &Participant{Type: Company, ExternalUserID: externalUserID, FullName: legalName, NameType: LegalName}
}

// WithWallet sets a crypto wallet as the payment method and returns p.
func (p *Participant) WithWallet(address string) *Participant {
	if p.PaymentMethod == nil {
		p.PaymentMethod = &PaymentMethod{}
	}
	p.PaymentMethod.Type, p.PaymentMethod.AccountID = PaymentCrypto, address
	return p
}

// WithVASP sets the participant's VASP (Sumsub's VASP id and a name) and
// returns p.
func (p *Participant) WithVASP(internalID, name string) *Participant {
	if p.InstitutionInfo == nil {
		p.InstitutionInfo = &InstitutionInfo{}
	}
	p.InstitutionInfo.InternalID, p.InstitutionInfo.Name = internalID, name
	return p
}

// WithCountry sets address.country (ISO 3166-1 alpha-3) and returns p.
func (p *Participant) WithCountry(alpha3 string) *Participant {
	if p.Address == nil {
		p.Address = &Address{}
	}
	p.Address.Country = alpha3
	return p
}

// WithDevice sets the device's IP address and fingerprint and returns p.
func (p *Participant) WithDevice(ip, fingerprint string) *Participant {
	if p.Device == nil {
		p.Device = &Device{}
	}
	if ip != "" {
		if p.Device.IPInfo == nil {
			p.Device.IPInfo = &IPInfo{}
		}
		p.Device.IPInfo.IP = ip
	}
	p.Device.Fingerprint = fingerprint
	return p
}

// WithBirth sets the date (YYYY-MM-DD) and place of birth and returns p.
func (p *Participant) WithBirth(dob, place string) *Participant {
	p.DOB, p.PlaceOfBirth = dob, place
	return p
}

// WithNames sets the first and last names — in Latin script, as the
// Travel Rule protocols want, both plain and *En — with name type
// birthName, and returns p.
func (p *Participant) WithNames(first, last string) *Participant {
	p.FirstName, p.LastName = first, last
	p.FirstNameEn, p.LastNameEn = first, last
	p.NameType = BirthName
	return p
}
