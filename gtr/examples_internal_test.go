package gtr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/ivms"
)

// The internal examples show how the unexported matching, sealing and
// hashing steps behave; the client and the callback handler run them.

func exBirth(s string) time.Time {
	d, _ := time.Parse(time.DateOnly, s)
	return d
}

var (
	exAlice = ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(exBirth("1985-04-12"), "Lisbon").Person()
	exBob   = ivms.NewNaturalPerson("Beneficiary", "Bob").DateOfBirth(exBirth("1990-02-03"), "Porto").Person()
)

// NAME_FUZZY_VD tolerates order, case, punctuation, a missing middle name
// and small typos, and rejects a different first or last name.
func Example_matchName() {
	fmt.Println(matchName("DOE, Jane", "Jane Doe"))
	fmt.Println(matchName("Jane Doe", "Jane Mary Doe"))
	fmt.Println(matchName("Tudor-Andrei Vilceanu", "Tudorandrei Vilceanu"))
	fmt.Println(matchName("Jon Smith", "John Smith"))
	fmt.Println(matchName("Jane Doe", "John Doe"))
	fmt.Printf("%.2f\n", nameSimilarity("Jane Doe", "John Doe"))
	// Output:
	// MATCH
	// MATCH
	// MATCH
	// MATCH
	// MISMATCH
	// 0.60
}

// Each verify field has its rule: ABS_CI for dates and ids, POST_CODE keeps
// digits only, FUZZY_TEXT accepts a Levenshtein similarity of 0.7.
func Example_matchRuleCompare() {
	info, _ := BeneficiaryNatural.PostCode().row()
	fmt.Println(info.Rule, info.Rule.compare("1100-148", "1100 148"))
	fmt.Println(byExact.compare("1985-04-12", "1985-04-21"))
	fmt.Println(byFuzzyText.compare("Rua Augusta", "rua agusta"))
	// Output:
	// POST_CODE MATCH
	// MISMATCH
	// MATCH
}

// A receiving VASP verifies the fields the initiator asked for against its
// customer, and reports the fields it requires itself.
func Example_verifyPIIFields() {
	sent, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Roe", "Richard").Person()).
		Beneficiary(ivms.NewNaturalPerson("Doe", "Jane").Person(), "0xA11CE").
		Build()
	ourCustomer := ivms.NewNaturalPerson("DOE", "Jane").
		NationalID(ivms.NationalIDPassport, "P1234567", "PT").
		Person()

	fields := verifyPIIFields(sent, partyBeneficiary, []ivms.Person{ourCustomer},
		[]FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.NationalIdentifier()}, // asked
		[]FieldID{OriginatorNatural.Name(), OriginatorNatural.DateOfBirth()})          // we require
	for _, f := range fields {
		fmt.Println(f.ID, f.Status)
	}
	fmt.Println(piiVerdict(fields))
	// Output:
	// BeneficiaryNaturalName MATCH
	// BeneficiaryNaturalNationalIdentifier SKIP
	// OriginatorNaturalName REQUIRED_INFO_EXISTS
	// OriginatorNaturalDateOfBirth REQUIRED_INFO_MISSING
	// PII_VERIFY_FAIL
}

// Amounts are exact decimal strings within GTR's decimal(28,18).
func Example_validAmount() {
	for _, a := range []string{"0.5", "0.000000000000000001", "0.0000000000000000001", "1e-3"} {
		fmt.Println(a, validAmount(a))
	}
	// Output:
	// 0.5 true
	// 0.000000000000000001 true
	// 0.0000000000000000001 false
	// 1e-3 false
}

// A receiver compares PII sent as JSON_FIELD_HASH with its own customer's
// record: it hashes the record with the sender's salt. Hashes compare
// exactly — a different spelling is a mismatch.
func Example_verifyHashedFields() {
	const salt = "0b7c1f0e-3a44-4d8e-9a6b-2f0c4e1d9a77" // the sender's hashSalt
	sent, _ := ivms.NewPayload().Originator(exAlice, "acct-alice").Beneficiary(exBob, "0xB0B").Build()
	doc, _ := ivms.Marshal(sent, ivms.GTR)
	hashed, _ := hashFields(doc, salt) // what the sender puts in securedPayload

	bobby := ivms.NewNaturalPerson("Beneficiary", "Bobby").DateOfBirth(exBirth("1990-02-03"), "Porto").Person()
	for _, ours := range []ivms.Person{exBob, bobby} {
		fields, err := verifyHashedFields([]byte(hashed), salt, partyBeneficiary, []ivms.Person{ours},
			[]FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth()}, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(fields[0].Status, fields[1].Status)
	}
	// Output:
	// MATCH MATCH
	// MISMATCH MATCH
}

// The exact plaintext OneStep seals, for a withdrawal.
func Example_marshalIdentity() {
	identity, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Doe", "Jane").Person()).
		Beneficiary(ivms.NewNaturalPerson("Roe", "Richard").Person()).
		OriginatingVASP(ivms.NewLegalPerson("Example Exchange Ltd").Person()).
		Build()
	doc, err := marshalIdentity(identity, PreTransaction, "0xB0B", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(doc))
	// Output:
	// {"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Doe","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]}}}]},"Beneficiary":{"beneficiaryPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Roe","secondaryIdentifier":"Richard","nameIdentifierType":"LEGL"}]}}}],"accountNumber":["0xB0B"]},"OriginatingVASP":{"originatingVASP":{"legalPerson":{"name":{"nameIdentifier":[{"legalPersonName":"Example Exchange Ltd","legalPersonNameIdentifierType":"LEGL"}]}}}}}}
}

func Example_sealer() {
	ours, theirs := exKeyPair('o'), exKeyPair('b')

	// One Sealer per counterparty: the X25519 shared key is computed once and
	// the Sealer is safe for concurrent use by every request to that VASP.
	toThem, err := ours.newSealer(theirs.PublicKey())
	if err != nil {
		fmt.Println(err)
		return
	}
	fromUs, err := theirs.newSealer(ours.PublicKey())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, doc := range []string{`{"n":1}`, `{"n":2}`} {
		payload, err := toThem.Seal([]byte(doc))
		if err != nil {
			fmt.Println(err)
			return
		}
		opened, err := fromUs.Open(payload)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(string(opened))
	}
	fmt.Println(toThem) // public keys only
	// Output:
	// {"n":1}
	// {"n":2}
	// gtr.Sealer{publicKey: yG0BrYsvtpSyL/YOPJ2eftkNtWBHcrdEUNQJE7mpy68=, peerKey: LfBBJfABWvtHzoU674dyCU/5SYwUyxueEpc8KSfaD6Y=, sharedKey: [REDACTED]}
}

func Example_sealDocument() {
	ours, theirs := exKeyPair('o'), exKeyPair('b')
	toThem, _ := ours.newSealer(theirs.PublicKey())
	fromUs, _ := theirs.newSealer(ours.PublicKey())
	doc := []byte(`{"name":"Jane Howard","birthYear":1992,"verified":true,"middleName":null}`)

	// JSON_FIELD_ENCRYPT keeps the structure and seals each leaf.
	payload, err := toThem.SealDocument(doc, JSONFieldEncrypt)
	if err != nil {
		fmt.Println(err)
		return
	}
	var fields map[string]any
	_ = json.Unmarshal([]byte(payload), &fields)
	fmt.Println(len(fields), fields["middleName"], strings.Contains(payload, "Jane"))

	opened, err := fromUs.OpenDocument(payload, JSONFieldEncrypt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(opened))
	// Output:
	// 4 <nil> false
	// {"name":"Jane Howard","birthYear":1992,"verified":true,"middleName":null}
}

func Example_hashFields() {
	// The initiator hashes its PII with a fresh salt (generateSalt) and
	// sends both; here the salt is fixed so the output is stable.
	const salt = "5b9d1c2e-7f3a-4c8b-9e6d-0a1b2c3d4e5f"
	sent := []byte(`{"name":"Jane Howard","dateOfBirth":"1992-10-04"}`)
	hashed, err := hashFields(sent, salt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(hashed)

	// The receiver hashes its own KYC record with the same salt and compares.
	ours := []byte(`{"name":"Jane Howard","dateOfBirth":"1992-10-05"}`)
	report, err := verifyFieldHashes(ours, hashed, salt)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("matched:", report.Matched, "mismatched:", report.Mismatched, "all match:", report.AllMatch())
	// Output:
	// {"name":"oLzm3kXssTXpmUDwEoJ5mEEDzvSHaZtKcFYCCpXXgv0=","dateOfBirth":"EhbVKKvvJpmN15vBRPLMj2sB0e3Ord08Kpza13J3Ooc="}
	// matched: [/name] mismatched: [/dateOfBirth] all match: false
}

func Example_parseAlgorithm() {
	for _, s := range []string{"ED25519_CURVE25519", "ed25519_curve25519", "rsa_ecb_oaep_with_sha1_and_mgf1padding"} {
		a, err := parseAlgorithm(s)
		fmt.Println(a, errors.Is(err, ErrUnsupportedAlgorithm))
	}
	// Output:
	// ed25519_curve25519 false
	// ed25519_curve25519 false
	// rsa_ecb_oaep_with_sha1_and_mgf1padding true
}

func exKeyPair(seedByte byte) *KeyPair {
	kp, err := GenerateKeyPair(bytes.NewReader(bytes.Repeat([]byte{seedByte}, 32)))
	if err != nil {
		panic(err)
	}
	return kp
}

// The login's signedSecretKey is the plain SHA-512 of the secret key (GTR's
// published test vector).
func Example_signedSecretKey() {
	fmt.Println(signedSecretKey("DFSD0JFN43SGNDSPIAN30IHSIDFN0SAR3BNFA0ISFNBI0N3RNFWE0F"))
	// Output:
	// 6bbb4d21bdb8a0720f9b9850b96b1110c3bcab725d4e829722581461d4ee3cd8f9431e4f4d90c739328d03a04f6280067a1e30de258a85755f214d2942d42b21
}

// An app token for a curl session, and how a server checks one.
func Example_newAppToken() {
	issued := time.UnixMilli(1701734400000)
	token := newAppToken("f93_faj30ae3", "2DF9SDJ3RFA93HFA0F93HAB0S93F", "secret", "03kadafd039hfa-2dasdf", issued, 15*time.Second)
	// curl -H "X-Authorization: $token" --cert certificate.pem --key PRIVATE.key …

	t, err := parseAppToken(token)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.AccessKey, t.Nonce, t.Expires)
	fmt.Println(t.verify("f93_faj30ae3", "secret", issued.Add(5*time.Second), time.Second))
	fmt.Println(errors.Is(t.verify("f93_faj30ae3", "secret", issued.Add(time.Minute), time.Second), errInvalidAppToken))
	// Output:
	// 2DF9SDJ3RFA93HFA0F93HAB0S93F 03kadafd039hfa-2dasdf 15s
	// <nil>
	// true
}
