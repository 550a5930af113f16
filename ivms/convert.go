package ivms

import "slices"

// Conversion between the 2020 and 2023 editions. The only structural
// change is where account numbers live: on the Originator / Beneficiary in
// 2020, on each Person in 2023. Everything else is a renaming on the wire,
// which Marshal handles.

// Convert returns a deep copy of p in edition v:
//
//   - to Version2023: the entity's account numbers move to its first person
//     (ahead of that person's own; they stay on the entity when it has no
//     person) and payloadMetadata.payloadVersion becomes "101.2023";
//   - to Version2020: every person's account numbers join the entity's, in
//     order, without repeating one already listed, and payloadVersion is
//     dropped.
//
// 2020 → 2023 → 2020 gives back the original. 2023 → 2020 loses which
// person held which account number, and the account numbers of VASP and
// intermediary persons, since 2020 has no place for them.
func (p *IdentityPayload) Convert(v Version) *IdentityPayload {
	q := p.Clone()
	if q == nil {
		return nil
	}
	q.Version = v
	if v == Version2023 {
		if o := q.Originator; o != nil && len(o.OriginatorPersons) > 0 {
			o.OriginatorPersons[0].AccountNumbers = mergeAccounts(o.AccountNumbers, o.OriginatorPersons[0].AccountNumbers)
			o.AccountNumbers = nil
		}
		if b := q.Beneficiary; b != nil && len(b.BeneficiaryPersons) > 0 {
			b.BeneficiaryPersons[0].AccountNumbers = mergeAccounts(b.AccountNumbers, b.BeneficiaryPersons[0].AccountNumbers)
			b.AccountNumbers = nil
		}
		if q.PayloadMetadata == nil {
			q.PayloadMetadata = &PayloadMetadata{}
		}
		q.PayloadMetadata.PayloadVersion = PayloadVersion2023
		return q
	}
	if o := q.Originator; o != nil {
		o.AccountNumbers = accountNumbers2020(o.AccountNumbers, o.OriginatorPersons)
		clearPersonAccounts(o.OriginatorPersons)
	}
	if b := q.Beneficiary; b != nil {
		b.AccountNumbers = accountNumbers2020(b.AccountNumbers, b.BeneficiaryPersons)
		clearPersonAccounts(b.BeneficiaryPersons)
	}
	// VASPs and intermediaries have no account numbers in 2020.
	if v := q.OriginatingVASP; v != nil && v.Person != nil {
		v.Person.AccountNumbers = nil
	}
	if v := q.BeneficiaryVASP; v != nil && v.Person != nil {
		v.Person.AccountNumbers = nil
	}
	if t := q.TransferPath; t != nil {
		for i := range t.Intermediaries {
			if p := t.Intermediaries[i].Person; p != nil {
				p.AccountNumbers = nil
			}
		}
	}
	if m := q.PayloadMetadata; m != nil {
		m.PayloadVersion = ""
		if len(m.TransliterationMethods) == 0 {
			q.PayloadMetadata = nil
		}
	}
	return q
}

func clearPersonAccounts(persons []Person) {
	for i := range persons {
		persons[i].AccountNumbers = nil
	}
}

// accountNumbers2020 is an entity's 2020 accountNumber list: its own
// numbers, then its persons' numbers not already listed.
func accountNumbers2020(entity []string, persons []Person) []string {
	out := entity
	for i := range persons {
		out = mergeAccounts(out, persons[i].AccountNumbers)
	}
	return out
}

// mergeAccounts returns a followed by the numbers of b it does not hold
// yet. It never modifies a's backing array. Long lists use a set, so a
// hostile payload cannot make this quadratic.
func mergeAccounts(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := append(make([]string, 0, len(a)+len(b)), a...)
	var seen map[string]bool
	if len(a)+len(b) > 32 {
		seen = make(map[string]bool, len(a)+len(b))
		for _, n := range a {
			seen[n] = true
		}
	}
	for _, n := range b {
		switch {
		case n == "":
		case seen != nil:
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		case !slices.Contains(out, n):
			out = append(out, n)
		}
	}
	return out
}

// Clone returns a deep copy of p: nothing is shared with the original.
func (p *IdentityPayload) Clone() *IdentityPayload {
	if p == nil {
		return nil
	}
	q := &IdentityPayload{Version: p.Version}
	if o := p.Originator; o != nil {
		q.Originator = &Originator{OriginatorPersons: clonePersons(o.OriginatorPersons), AccountNumbers: slices.Clone(o.AccountNumbers)}
	}
	if b := p.Beneficiary; b != nil {
		q.Beneficiary = &Beneficiary{BeneficiaryPersons: clonePersons(b.BeneficiaryPersons), AccountNumbers: slices.Clone(b.AccountNumbers)}
	}
	if v := p.OriginatingVASP; v != nil {
		q.OriginatingVASP = &OriginatingVASP{Person: v.Person.clone()}
	}
	if v := p.BeneficiaryVASP; v != nil {
		q.BeneficiaryVASP = &BeneficiaryVASP{Person: v.Person.clone()}
	}
	if t := p.TransferPath; t != nil {
		items := slices.Clone(t.Intermediaries)
		for i := range items {
			items[i].Person = items[i].Person.clone()
		}
		q.TransferPath = &TransferPath{Intermediaries: items}
	}
	if m := p.PayloadMetadata; m != nil {
		q.PayloadMetadata = &PayloadMetadata{
			TransliterationMethods: slices.Clone(m.TransliterationMethods),
			PayloadVersion:         m.PayloadVersion,
		}
	}
	return q
}

func clonePersons(ps []Person) []Person {
	out := slices.Clone(ps)
	for i := range out {
		out[i].deepen()
	}
	return out
}

func (p *Person) clone() *Person {
	if p == nil {
		return nil
	}
	q := *p
	q.deepen()
	return &q
}

// deepen replaces everything p shares through pointers and slices with copies.
func (p *Person) deepen() {
	p.AccountNumbers = slices.Clone(p.AccountNumbers)
	if np := p.NaturalPerson; np != nil {
		c := *np
		c.Name = NaturalPersonName{
			NameIdentifiers:         slices.Clone(np.Name.NameIdentifiers),
			LocalNameIdentifiers:    slices.Clone(np.Name.LocalNameIdentifiers),
			PhoneticNameIdentifiers: slices.Clone(np.Name.PhoneticNameIdentifiers),
		}
		c.GeographicAddresses = cloneAddresses(np.GeographicAddresses)
		c.NationalIdentification = cloneNationalID(np.NationalIdentification)
		if b := np.DateAndPlaceOfBirth; b != nil {
			bb := *b
			c.DateAndPlaceOfBirth = &bb
		}
		p.NaturalPerson = &c
	}
	if lp := p.LegalPerson; lp != nil {
		c := *lp
		c.Name = LegalPersonName{
			NameIdentifiers:         slices.Clone(lp.Name.NameIdentifiers),
			LocalNameIdentifiers:    slices.Clone(lp.Name.LocalNameIdentifiers),
			PhoneticNameIdentifiers: slices.Clone(lp.Name.PhoneticNameIdentifiers),
		}
		c.GeographicAddresses = cloneAddresses(lp.GeographicAddresses)
		c.NationalIdentification = cloneNationalID(lp.NationalIdentification)
		p.LegalPerson = &c
	}
}

func cloneAddresses(as []Address) []Address {
	out := slices.Clone(as)
	for i := range out {
		out[i].AddressLines = slices.Clone(out[i].AddressLines)
	}
	return out
}

func cloneNationalID(n *NationalIdentification) *NationalIdentification {
	if n == nil {
		return nil
	}
	c := *n
	return &c
}
