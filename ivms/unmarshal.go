package ivms

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
)

// errFloat stops a tree walk that met a float64, to walk json.Number
// instead; errAgain one that met a field twice (see seen).
var (
	errFloat = errors.New("ivms: float64 in the tree")
	errAgain = errors.New("ivms: field met twice")
)

// UnmarshalOption tunes UnmarshalWith.
type UnmarshalOption func(*decoder)

// IgnoreUnknownKeys makes UnmarshalWith skip keys that are no IVMS101
// element in any dialect (such as Notabene v1's "city" or GTR's typo
// "countryOfIssuse") instead of failing with ErrUnknownKey. Their values are
// dropped. Use it only for counterparties known to send such keys: a typo
// like "originatorPersons1" then loses data silently.
func IgnoreUnknownKeys() UnmarshalOption {
	return func(d *decoder) { d.ignoreUnknown = true }
}

// Unmarshal decodes an IVMS101 payload in any of the wire dialects seen in
// practice and returns it in one normalised model:
//
//   - canonical lowerCamel JSON (TRISA encoding/json, 21 Analytics, TRP),
//     bare or under an "ivms101" / "IVMS101" envelope key, whose sibling keys
//     (e.g. GTR's travelRuleMetadata) are ignored;
//   - GTR's PascalCase entity keys ("Originator", "OriginatingVASP", "TransferPath");
//   - snake_case protobuf field names and TRISA protojson, with enum values
//     as protobuf names ("NATURAL_PERSON_NAME_TYPE_CODE_LEGL") or numbers;
//   - VASP entities nested ({"originatingVASP": {"originatingVASP": {…}}}) or
//     bare ({"originatingVASP": {"legalPerson": {…}}});
//   - transferPath nested ({"transferPath": [ … ]}) or as a bare array;
//   - "postCode" / "postcode" / "post_code", "originatingVASP" /
//     "originatingVasp", "customerNumber" for "customerIdentification",
//     plural protobuf list names ("name_identifiers",
//     "geographic_addresses", "account_numbers");
//   - "name" as an object or a one-element (or longer) array, a single
//     value where a list is expected, a number where a string is;
//   - 2023 names ("originatorPerson", "naturalPersonNameIdentifierType",
//     Person-level "accountNumber", "payloadVersion").
//
// Keys match case-insensitively with underscores ignored. Enum codes are
// normalised to the standard's upper-case codes; an unknown code is kept as
// sent for Validate to report. "", null, [] and {} mean absent, and an
// object with nothing but absent members is dropped from its list. Of a key
// given twice in one object the last counts; an element given under two
// spellings gets both values, in document order (a list is concatenated, a
// text keeps the last one that is not blank).
//
// A key that matches no element is an error (ErrUnknownKey) naming the key
// and its place; see IgnoreUnknownKeys. Malformed JSON is ErrSyntax and a
// value of an impossible type ErrType; every error is a *DecodeError and
// none carries a value from the input. Unmarshal does not validate: call
// Validate on the result.
//
// The edition is detected and recorded in Version: 2023 when
// payloadMetadata.payloadVersion says "101.2023" (or "IVMS101.2023"), or
// when 2023-only names were used and payloadVersion does not say "101";
// otherwise 2020.
func Unmarshal(data []byte) (*IdentityPayload, error) {
	return UnmarshalWith(data)
}

// UnmarshalWith is Unmarshal with options.
func UnmarshalWith(data []byte, opts ...UnmarshalOption) (*IdentityPayload, error) {
	var p *IdentityPayload
	err := decodeJSON(data, opts, func(d *decoder) { p = d.top() })
	if err != nil {
		return nil, err
	}
	return p, nil
}

// decodeJSON runs read over data. It first walks the tree json.Unmarshal
// builds, which is fast. That tree has float64 numbers, which lose the
// literal, so a payload with a number is walked again from a tree with
// json.Number. On any error, read runs once more over encoding/json's token
// stream, which knows byte offsets and document order, for the error to
// report.
func decodeJSON(data []byte, opts []UnmarshalOption, read func(*decoder)) error {
	var root any
	err := json.Unmarshal(data, &root)
	for numbers := false; err == nil; numbers = true {
		d := &decoder{tree: &tree{next: root, has: true, keys: make([]string, 0, 256)}, path: make([]pathSeg, 0, 16)}
		if read(d.with(opts)); d.err == nil {
			return nil
		} else if d.err.Err != errFloat || numbers {
			break
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		root = nil
		err = dec.Decode(&root)
	}
	var se *json.SyntaxError
	errors.As(err, &se)
	return decodeTokens(data, opts, read, se)
}

// decodeTokens runs read over encoding/json's token stream of data. When
// data is malformed (se), only the syntax error is reported, at its place.
func decodeTokens(data []byte, opts []UnmarshalOption, read func(*decoder), se *json.SyntaxError) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	d := &decoder{dec: dec, data: data, path: make([]pathSeg, 0, 16), malformed: se != nil}
	if read(d.with(opts)); d.malformed && d.err == nil {
		d.syntax(se)
	}
	if d.err != nil {
		return d.err
	}
	return nil
}

func (d *decoder) with(opts []UnmarshalOption) *decoder {
	for _, o := range opts {
		o(d)
	}
	return d
}

// tree yields the values of a decoded JSON document as json.Decoder's
// Token would, objects' keys in sorted order.
type tree struct {
	stack []treeFrame
	keys  []string // backs the frames' keys
	next  any      // the value to yield next, when has is set
	has   bool     // next is pending
}

type treeFrame struct {
	obj  map[string]any
	keys []string
	arr  []any
	i    int
}

func (t *tree) token() json.Token {
	if !t.has {
		f := &t.stack[len(t.stack)-1]
		switch {
		case f.obj != nil && f.i < len(f.keys):
			return t.key()
		case f.obj == nil && f.i < len(f.arr):
			t.next, t.has = f.arr[f.i], true
			f.i++
		default:
			t.stack = t.stack[:len(t.stack)-1]
			if f.obj != nil {
				return json.Delim('}')
			}
			return json.Delim(']')
		}
	}
	t.has = false
	switch v := t.next.(type) {
	case map[string]any:
		n := len(t.keys)
		for k := range v {
			t.keys = append(t.keys, k)
		}
		keys := t.keys[n:len(t.keys):len(t.keys)]
		slices.Sort(keys)
		t.stack = append(t.stack, treeFrame{obj: v, keys: keys})
		return json.Delim('{')
	case []any:
		t.stack = append(t.stack, treeFrame{arr: v})
		return json.Delim('[')
	}
	return t.next
}

// key yields the next key of the current object, which more said there is.
func (t *tree) key() string {
	f := &t.stack[len(t.stack)-1]
	k := f.keys[f.i]
	t.next, t.has = f.obj[k], true
	f.i++
	return k
}

func (t *tree) more() bool {
	f := t.stack[len(t.stack)-1]
	return f.i < len(f.keys) || f.i < len(f.arr)
}

// UnmarshalJSON implements json.Unmarshaler with Unmarshal, so an
// IdentityPayload can sit inside a larger JSON document.
// JSON null leaves p unchanged, as encoding/json does.
func (p *IdentityPayload) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	q, err := Unmarshal(data)
	if err != nil {
		return err
	}
	*p = *q
	return nil
}

// decoder reads the tokens of encoding/json's Decoder into the model,
// guided by the model's json tags (the Canonical names): a key matches a
// field when they are equal in lower case without '_', directly or through
// aliases. The first error sticks; every method is a no-op after it.
type decoder struct {
	tree          *tree         // the fast source, or
	dec           *json.Decoder // the token stream of data
	data          []byte
	path          []pathSeg // where the decoder is, for error messages
	err           *DecodeError
	ignoreUnknown bool
	saw2023       bool  // a 2023-only element name or placement was seen
	start         int64 // where the last token read starts, separators aside
	malformed     bool  // data is no JSON: report nothing but the syntax error
}

func (d *decoder) push(name string, index int) { d.path = append(d.path, pathSeg{name, index}) }
func (d *decoder) pop()                        { d.path = d.path[:len(d.path)-1] }

func (d *decoder) fail(sentinel error, detail string) {
	if d.err == nil && (!d.malformed || sentinel == ErrSyntax) {
		d.err = &DecodeError{Path: formatPath(d.path), Err: sentinel, Detail: detail, Offset: d.offset()}
	}
}

// syntax reports err from encoding/json as ErrSyntax; its message is not
// kept, since it may quote a character of the input.
func (d *decoder) syntax(err error) {
	detail := "malformed JSON"
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se) && strings.Contains(se.Error(), "max depth"):
		detail = "nesting too deep"
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		detail = "unexpected end of input"
	}
	if d.err == nil {
		d.fail(ErrSyntax, detail)
		if se != nil {
			d.err.Offset = int(se.Offset)
		}
	}
}

// next reads a token: a json.Delim, string, json.Number, bool or nil.
func (d *decoder) next() json.Token {
	if d.err != nil {
		return nil
	}
	if d.tree != nil {
		return d.tree.token()
	}
	d.start = d.dec.InputOffset()
	t, err := d.dec.Token()
	if err != nil {
		d.syntax(err)
	}
	return t
}

// offset is where the last token read starts (0 when walking a tree).
func (d *decoder) offset() int {
	i := int(d.start)
	for d.dec != nil && i < len(d.data) && strings.IndexByte(" \t\r\n,:", d.data[i]) >= 0 {
		i++
	}
	return i
}

// more reports whether the current object or array has another member.
func (d *decoder) more() bool {
	if d.tree != nil {
		return d.err == nil && d.tree.more()
	}
	return d.err == nil && d.dec.More()
}

// skip consumes a value without looking at it.
func (d *decoder) skip() {
	if d.tree != nil {
		d.tree.has = false
		return
	}
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil && d.err == nil {
		d.syntax(err)
	}
}

// end checks that nothing follows the top-level value.
func (d *decoder) end() {
	if d.err != nil || d.tree != nil {
		return
	}
	if _, err := d.dec.Token(); err != io.EOF {
		d.syntax(err)
		d.err.Detail = "data after the top-level value"
	}
}

func (d *decoder) typeError(tok json.Token, expected string) {
	if d.malformed && (tok == json.Delim('{') || tok == json.Delim('[')) {
		for depth := 1; depth > 0 && d.err == nil; { // skip to the syntax error
			switch d.next() {
			case json.Delim('{'), json.Delim('['):
				depth++
			case json.Delim('}'), json.Delim(']'):
				depth--
			}
		}
	}
	found := "null"
	switch t := tok.(type) {
	case json.Delim:
		found = map[json.Delim]string{'{': "an object", '[': "an array"}[t]
	case string:
		found = "a string"
	case json.Number:
		found = "a number"
	case bool:
		found = "a boolean"
	}
	d.fail(ErrType, "expected "+expected+", found "+found)
}

// unknownKey returns the error for a key no element matched.
func (d *decoder) unknownKey(key string) *DecodeError {
	if len(key) > 64 {
		key = key[:64]
	}
	return &DecodeError{Path: formatPath(d.path), Key: key, Err: ErrUnknownKey, Offset: d.offset()}
}

// key reads a member's key.
func (d *decoder) key() string {
	if d.tree != nil {
		return d.tree.key()
	}
	k, _ := d.next().(string)
	return k
}

// top decodes the whole input: a bare payload, or an envelope with an
// "ivms101" member (any case) whose siblings are ignored.
func (d *decoder) top() *IdentityPayload {
	if tok := d.next(); tok != json.Delim('{') {
		if d.err == nil {
			d.typeError(tok, "an object")
		}
		return nil
	}
	var bare, env IdentityPayload
	var inEnvelope bool
	var unknown *DecodeError // the first unknown top-level key, reported unless an envelope shows up
	fields := tables[payloadType]
	var s seen
	for d.more() {
		key := d.key()
		var buf [64]byte
		if f, mark, ok := fields.lookup(key); ok {
			d.again(&s, key, f.index, reflect.ValueOf(&bare).Elem().Field(f.index))
			d.member(reflect.ValueOf(&bare).Elem(), f, mark)
			continue
		}
		if string(norm(buf[:0], key)) == "ivms101" {
			d.again(&s, key, 63, reflect.ValueOf(&env).Elem())
			inEnvelope = true
			d.push("ivms101", -1)
			d.value(reflect.ValueOf(&env).Elem())
			d.pop()
			continue
		}
		if unknown == nil && !d.ignoreUnknown && !d.malformed {
			unknown = d.unknownKey(key)
		}
		d.skip()
	}
	d.next()
	d.end()
	p := &bare
	switch {
	case d.err != nil:
		return nil
	case inEnvelope:
		p = &env
	case unknown != nil:
		d.err = unknown
		return nil
	}
	p.Version = Version2020
	if d.saw2023 {
		p.Version = Version2023
	}
	if m := p.PayloadMetadata; m != nil && m.PayloadVersion.edition() >= 0 {
		p.Version = m.PayloadVersion.edition()
	}
	return p
}

// value decodes the next value into v.
func (d *decoder) value(v reflect.Value) { d.decode(d.next(), v) }

// decode decodes the value starting with tok into v. null, "" and values
// with nothing but absent members leave v as it is.
func (d *decoder) decode(tok json.Token, v reflect.Value) {
	if tok == nil || d.err != nil {
		return
	}
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			d.decode(tok, v.Elem())
			return
		}
		nv := reflect.New(t.Elem())
		if d.decode(tok, nv.Elem()); !nv.Elem().IsZero() {
			v.Set(nv)
		}
	case reflect.Slice:
		d.list(tok, v)
	case reflect.String:
		switch s := tok.(type) {
		case string:
			d.setText(v, s, false)
		case json.Number:
			d.setText(v, string(s), true)
		case float64:
			d.fail(errFloat, "")
		default:
			d.typeError(tok, "a string")
		}
	case reflect.Struct:
		switch {
		case t == transferPathType && tok == json.Delim('['): // a bare array
			d.push("transferPath", -1)
			d.list(tok, v.Field(0))
			d.pop()
		case (t == naturalNameType || t == legalNameType) && tok == json.Delim('['): // Notabene's array of names
			for d.more() {
				if tok := d.next(); tok != nil {
					d.object(tok, v)
				}
			}
			d.next()
		default:
			d.object(tok, v)
		}
	}
}

// setText stores a string or a code-list value unless it is "", so that a
// blank duplicate (say "customerNumber": "" beside "customerIdentification")
// never erases a value.
func (d *decoder) setText(v reflect.Value, s string, isNumber bool) {
	if t := v.Type(); t != stringType && s != "" {
		c, ok := codeLists[t]
		if ok {
			s = normalizeCode(s, isNumber, c.prefix, c.codes)
		}
	}
	if s != "" {
		v.SetString(s)
	}
}

// list appends the items of an array to the slice v, dropping absent ones.
// A single value stands for a one-item list.
func (d *decoder) list(tok json.Token, v reflect.Value) {
	top := len(d.path) - 1
	item := func(tok json.Token) { // decoded in place, dropped if absent
		n := v.Len()
		v.Grow(1)
		v.SetLen(n + 1)
		if d.decode(tok, v.Index(n)); v.Index(n).IsZero() {
			v.SetLen(n)
			if n == 0 {
				v.SetZero()
			}
		}
	}
	if tok != json.Delim('[') {
		d.path[top].index = 0
		item(tok)
		d.path[top].index = -1
		return
	}
	for i := 0; ; i++ {
		d.path[top].index = i
		if !d.more() {
			break
		}
		item(d.next())
	}
	d.next()
	d.path[top].index = -1
}

// object decodes the members of an object into the struct v. A VASP takes
// the members of its Person bare as well as nested.
func (d *decoder) object(tok json.Token, v reflect.Value) {
	if tok != json.Delim('{') {
		d.typeError(tok, "an object")
		return
	}
	t := v.Type()
	vasp := t == originatingVASPType || t == beneficiaryVASPType
	var bare Person
	var s, bs seen
	ft := tables[t]
	for d.more() {
		key := d.key()
		if f, mark, ok := ft.lookup(key); ok {
			d.again(&s, key, f.index, v.Field(f.index))
			d.member(v, f, mark)
		} else if f, mark, ok := tables[personType].lookup(key); ok && vasp {
			d.again(&bs, key, f.index, reflect.ValueOf(&bare).Elem().Field(f.index))
			d.push(tables[t].fields[0].name, -1)
			d.member(reflect.ValueOf(&bare).Elem(), f, mark)
			d.pop()
		} else if d.ignoreUnknown || d.malformed {
			d.skip()
		} else if d.err == nil {
			d.err = d.unknownKey(key)
		}
	}
	d.next()
	if vasp && !bare.isEmpty() && d.err == nil {
		nested := v.Field(0)
		if !nested.IsNil() {
			d.push(tables[t].fields[0].name, -1)
			d.fail(ErrType, "both a nested "+tables[t].fields[0].name+" object and bare person members")
			return
		}
		nested.Set(reflect.ValueOf(&bare))
	}
}

// seen tracks the members of one object, for a field met twice. The tree's
// map kept only the last of equal keys, so on the token stream the last
// one wins too; a field named under two spellings makes the tree walk hand
// over to the token stream, which merges them in document order.
type seen struct {
	fields uint64   // tree: the indexes of the fields set
	keys   []string // tokens: the keys read
}

func (d *decoder) again(s *seen, key string, index int, fv reflect.Value) {
	switch {
	case d.tree != nil:
		if s.fields&(1<<index) != 0 {
			d.fail(errAgain, "")
		}
		s.fields |= 1 << index
	case slices.Contains(s.keys, key):
		fv.SetZero()
	default:
		s.keys = append(s.keys, key)
	}
}

// member decodes the value of a member into field f of v; mark says that
// its key is a 2023 name.
func (d *decoder) member(v reflect.Value, f field, mark bool) {
	fv := v.Field(f.index)
	n := 0
	if fv.Kind() == reflect.Slice {
		n = fv.Len()
	}
	d.push(f.name, -1)
	d.value(fv)
	d.pop()
	switch {
	case f.country:
		fv.SetString(normalizeCountry(fv.String()))
	case mark, v.Type() == personType && f.name == "accountNumber" && fv.Len() > n:
		d.saw2023 = true
	}
}

// field is a struct field as decoding sees it.
type field struct {
	index   int
	name    string // the Canonical key, for paths
	country bool   // an ISO 3166 code, upper-cased on input
}

type fieldTable struct {
	fields []field
	keys   map[string]int // lookup key → index in fields
}

// aliases maps the lookup form of other dialects' names to the Canonical one.
var aliases = map[string]string{
	"originatorperson": "originatorpersons", "beneficiaryperson": "beneficiarypersons", "originatorvasp": "originatingvasp",
	"nameidentifiers": "nameidentifier", "localnameidentifiers": "localnameidentifier", "phoneticnameidentifiers": "phoneticnameidentifier",
	"naturalpersonnameidentifiertype": "nameidentifiertype", "customernumber": "customeridentification",
	"geographicaddresses": "geographicaddress", "accountnumbers": "accountnumber", "addresslines": "addressline",
	"transliterationmethods": "transliterationmethod",
}

// lookup finds the field a key names; mark2023 says the key is a 2023 name.
func (ft fieldTable) lookup(key string) (f field, mark2023, ok bool) {
	i, ok := ft.keys[key] // the Canonical spelling
	if !ok {
		var buf [64]byte
		k := norm(buf[:0], key)
		if i, ok = ft.keys[string(k)]; !ok {
			a := aliases[string(k)]
			i, ok = ft.keys[a]
			mark2023 = a == "originatorpersons" || a == "nameidentifiertype"
		}
	}
	if !ok {
		return field{}, false, false
	}
	return ft.fields[i], mark2023, true
}

// norm appends the lookup form of key to buf: ASCII lower case without '_'.
func norm(buf []byte, key string) []byte {
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case c == '_':
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		default:
			buf = append(buf, c)
		}
	}
	return buf
}

var (
	stringType          = reflect.TypeFor[string]()
	payloadType         = reflect.TypeFor[IdentityPayload]()
	personType          = reflect.TypeFor[Person]()
	transferPathType    = reflect.TypeFor[TransferPath]()
	originatingVASPType = reflect.TypeFor[OriginatingVASP]()
	beneficiaryVASPType = reflect.TypeFor[BeneficiaryVASP]()
	naturalNameType     = reflect.TypeFor[NaturalPersonName]()
	legalNameType       = reflect.TypeFor[LegalPersonName]()

	// tables holds the fields of every model struct, by type.
	tables = map[reflect.Type]fieldTable{}

	codeLists = map[reflect.Type]struct {
		prefix string
		codes  []string
	}{
		reflect.TypeFor[NaturalPersonNameType]():  {naturalNamePrefix, naturalNameCodes},
		reflect.TypeFor[LegalPersonNameType]():    {legalNamePrefix, legalNameCodes},
		reflect.TypeFor[AddressType]():            {addressPrefix, addressCodes},
		reflect.TypeFor[NationalIdentifierType](): {nationalIDPrefix, nationalIDCodes},
		reflect.TypeFor[TransliterationMethod]():  {translitPrefix, translitCodes},
	}
)

func init() { addTable(payloadType) }

// addTable fills tables for t and the struct types below it from the json tags.
func addTable(t reflect.Type) {
	if _, done := tables[t]; done || t.Kind() != reflect.Struct {
		return
	}
	ft := fieldTable{keys: map[string]int{}}
	tables[t] = ft
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		ft.keys[name] = len(ft.fields)
		ft.keys[string(norm(nil, name))] = len(ft.fields)
		ft.fields = append(ft.fields, field{i, name, sf.Name == "Country" || strings.HasPrefix(sf.Name, "CountryOf")})
		et := sf.Type
		for et.Kind() == reflect.Pointer || et.Kind() == reflect.Slice {
			et = et.Elem()
		}
		addTable(et)
	}
	tables[t] = ft
}
