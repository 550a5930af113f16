package ivms

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

var redactPkgs = []string{"github.com/vaspkit/vaspkit/ivms"}

// redactTypes lists every type of the package that holds PII, with the
// facts its redacted forms show. TestRedactionTableIsComplete keeps it
// complete.
func redactTypes() []redactCase {
	return []redactCase{
		// The value has no Format (String, GoString and Format take a
		// pointer, nil-safe); it prints its fields' redacted forms, and
		// PayloadMetadata, which holds codes only.
		{name: "IdentityPayload", v: new(IdentityPayload), safe: []string{"PayloadMetadata"}},
		{name: "Originator", v: new(Originator)},
		{name: "Beneficiary", v: new(Beneficiary)},
		{name: "OriginatingVASP", v: new(OriginatingVASP)},
		{name: "BeneficiaryVASP", v: new(BeneficiaryVASP)},
		{name: "TransferPath", v: new(TransferPath)},
		{name: "IntermediaryVASP", v: new(IntermediaryVASP)},
		{name: "Person", v: new(Person)},
		{name: "NaturalPerson", v: new(NaturalPerson)},
		{name: "LegalPerson", v: new(LegalPerson)},
		{name: "NaturalPersonName", v: new(NaturalPersonName)},
		{name: "NaturalPersonNameID", v: new(NaturalPersonNameID)},
		{name: "LegalPersonName", v: new(LegalPersonName)},
		{name: "LegalPersonNameID", v: new(LegalPersonNameID)},
		{name: "Address", v: new(Address)},
		{name: "NationalIdentification", v: new(NationalIdentification)},
		{name: "DateAndPlaceOfBirth", v: new(DateAndPlaceOfBirth)},
		{name: "NaturalPersonBuilder", v: new(NaturalPersonBuilder)},
		{name: "LegalPersonBuilder", v: new(LegalPersonBuilder)},
		{name: "PayloadBuilder", v: new(PayloadBuilder)},
	}
}

// redactMethodTypes are further types checked for the methods only.
var redactMethodTypes []reflect.Type

// redactValueNoFmt are listed types whose value (not pointer) has no
// String, GoString and Format, and why.
var redactValueNoFmt = map[string]string{
	"IdentityPayload": "String, GoString and Format take a pointer (nil-safe); the value prints its fields' redacted forms",
}

// redactNoFormat are listed types (or their values) without a Format
// method, and why.
var redactNoFormat = map[string]string{}

// redactNotPII are exported structs that hold a listed type without being
// personal data themselves, or errors that print no value.
var redactNotPII = map[string]string{
	"PayloadMetadata": "transliteration codes and the payload version",
	"DecodeError":     "an element path and a rule, never a value",
	"FieldError":      "an element path and a rule, never a value",
}

// redactExternalPII are PII types of other packages ("pkg.Type").
var redactExternalPII []string

// TestRedactionNilPointers: nil pointers print without panicking under fmt.
func TestRedactionNilPointers(t *testing.T) {
	t.Parallel()
	var p *IdentityPayload
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d"} {
		if got := fmt.Sprintf(verb, p); got != "ivms.IdentityPayload(nil)" {
			t.Errorf("Sprintf(%s, nil) = %q", verb, got)
		}
	}
	var person *Person
	if got := fmt.Sprintf("%+v", person); got != "<nil>" {
		t.Errorf("nil *Person = %q", got)
	}
}

// TestRedactionShowsFacts: the payload's redacted form still tells its
// shape.
func TestRedactionShowsFacts(t *testing.T) {
	t.Parallel()
	p, _ := NewPayload().Originator(NewNaturalPerson("Canaryname", "Jane").Person(), "acct").
		OriginatingVASP(NewVASP("VASP", "").Person()).Build() // invalid, and printable
	const want = "ivms.IdentityPayload{IVMS101 2020 originator originatingVASP}"
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("m", "p", p, "person", p.Originator.OriginatorPersons[0])
	if got := fmt.Sprintf("%+v", p); got != want || !strings.Contains(b.String(), `"p":"`+want+`","person":"ivms.Person{[REDACTED]}"`) {
		t.Errorf("%%+v = %s; JSON log: %s", got, b.String())
	}
}

// redactCase is one type that holds PII or a secret: a value of it with a
// canary in every string, and the field paths its redacted forms may show.
type redactCase struct {
	name string
	v    any      // a pointer to the value, filled by redactFill
	safe []string // field paths (and their sub-paths) whose canaries may appear
	// verbs are the fmt verbs checked; nil: redactVerbs.
	verbs []string
}

// TestRedactionHolds: every type holding PII or a secret, filled with
// canaries, prints none of them (but in the facts it is meant to show)
// under any fmt verb nor through either slog handler, whether logged as an
// attribute, in a group, with slog.Any, through With or WithGroup, or as a
// bare argument; as a value or a pointer.
func TestRedactionHolds(t *testing.T) {
	t.Parallel()
	for _, tc := range redactTypes() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			canaries := redactFill(t, tc.v, redactPkgs...)
			if len(canaries) == 0 {
				t.Fatal("no canary was placed")
			}
			verbs := tc.verbs
			if verbs == nil {
				verbs = redactVerbs
			}
			elem := reflect.ValueOf(tc.v).Elem().Interface()
			for _, form := range []any{tc.v, elem} {
				out := redactOutputs(form, verbs)
				for canary, path := range canaries {
					if redactSafe(path, tc.safe) {
						continue
					}
					for _, enc := range redactEncodings(canary) {
						if i := strings.Index(out, enc); i >= 0 {
							t.Errorf("%T: %s (canary %s) leaked: …%s…", form, path, canary, out[max(0, i-80):min(len(out), i+80)])
						}
					}
				}
			}
		})
	}
}

// TestRedactionMethods: every listed type, as a value and as a pointer,
// implements String, GoString, Format and LogValue (but the exceptions of
// redactNoFormat and redactValueNoFmt).
func TestRedactionMethods(t *testing.T) {
	t.Parallel()
	var types []reflect.Type
	for _, tc := range redactTypes() {
		pt := reflect.TypeOf(tc.v)
		types = append(types, pt, pt.Elem())
	}
	types = append(types, redactMethodTypes...)
	for _, typ := range types {
		for _, iface := range []reflect.Type{
			reflect.TypeFor[fmt.Stringer](), reflect.TypeFor[fmt.GoStringer](),
			reflect.TypeFor[fmt.Formatter](), reflect.TypeFor[slog.LogValuer](),
		} {
			name := typ.Name()
			if typ.Kind() == reflect.Pointer {
				name = typ.Elem().Name()
			}
			if iface == reflect.TypeFor[fmt.Formatter]() && redactNoFormat[name] != "" {
				continue
			}
			if iface != reflect.TypeFor[slog.LogValuer]() && typ.Kind() != reflect.Pointer && redactValueNoFmt[name] != "" {
				continue
			}
			if !typ.Implements(iface) {
				t.Errorf("%v does not implement %v", typ, iface)
			}
		}
	}
}

// TestRedactionTableIsComplete inspects the package source: every type
// with a LogValue or a redacting String, GoString or Format, and every
// exported struct holding a listed type, is in redactTypes or
// redactMethodTypes (or in redactNotPII).
func TestRedactionTableIsComplete(t *testing.T) {
	t.Parallel()
	listed := map[string]bool{}
	for _, tc := range redactTypes() {
		listed[tc.name] = true
		if got := reflect.TypeOf(tc.v).Elem().Name(); got != tc.name {
			t.Errorf("case %s holds a %s", tc.name, got)
		}
	}
	for _, typ := range redactMethodTypes {
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		listed[typ.Name()] = true
	}
	redactCheckSource(t, ".", listed, redactNotPII, redactExternalPII...)
}

// ---- helpers: the same in the redaction tests of ivms, gtr, monitoring
// and travelrule (test files cannot share code across packages) ----

// redactFill puts a distinct canary in every string reachable from v (a
// pointer to a struct), following pointers, slices, maps and, in the
// packages named by pkgs, unexported struct fields. It returns canary →
// field path.
func redactFill(t *testing.T, v any, pkgs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	n := 0
	next := func(path string) string {
		n++
		c := fmt.Sprintf("CANARY%04dQ", n)
		out[c] = path
		return c
	}
	inPkgs := func(tp reflect.Type) bool { return slices.Contains(pkgs, tp.PkgPath()) }
	var fill func(rv reflect.Value, path string, depth int)
	fill = func(rv reflect.Value, path string, depth int) {
		if depth > 12 {
			return
		}
		switch rv.Kind() {
		case reflect.String:
			rv.SetString(next(path))
		case reflect.Pointer:
			if !inPkgs(rv.Type().Elem()) && rv.Type().Elem().Kind() == reflect.Struct {
				return
			}
			p := reflect.New(rv.Type().Elem())
			fill(p.Elem(), path, depth+1)
			rv.Set(p)
		case reflect.Slice:
			if rv.Type().Elem().Kind() == reflect.Uint8 { // json.RawMessage, []byte
				rv.SetBytes([]byte(`{"k":"` + next(path) + `"}`))
				return
			}
			s := reflect.MakeSlice(rv.Type(), 1, 1)
			fill(s.Index(0), path+"[0]", depth+1)
			rv.Set(s)
		case reflect.Map:
			if rv.Type().Key().Kind() != reflect.String {
				return
			}
			m := reflect.MakeMap(rv.Type())
			k := reflect.New(rv.Type().Key()).Elem()
			k.SetString(next(path + "{key}"))
			e := reflect.New(rv.Type().Elem()).Elem()
			fill(e, path+"{value}", depth+1)
			m.SetMapIndex(k, e)
			rv.Set(m)
		case reflect.Interface:
			if rv.Type().NumMethod() == 0 {
				rv.Set(reflect.ValueOf(next(path)))
			} else if rv.Type() == reflect.TypeFor[error]() {
				rv.Set(reflect.ValueOf(errors.New(next(path))))
			}
		case reflect.Struct:
			if !inPkgs(rv.Type()) {
				return
			}
			for i := range rv.NumField() {
				f := rv.Field(i)
				sf := rv.Type().Field(i)
				if !sf.IsExported() {
					if f.Kind() == reflect.String || f.Kind() == reflect.Func || f.Kind() == reflect.Chan {
						continue // a token such as a Number's: not data
					}
					f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
				}
				fill(f, strings.TrimPrefix(path+"."+sf.Name, "."), depth+1)
			}
		}
	}
	fill(reflect.ValueOf(v).Elem(), "", 0)
	return out
}

// redactSafe reports whether path is one of safe or below one.
func redactSafe(path string, safe []string) bool {
	for _, s := range safe {
		if path == s || strings.HasPrefix(path, s+".") || strings.HasPrefix(path, s+"[") || strings.HasPrefix(path, s+"{") {
			return true
		}
	}
	return false
}

// redactEncodings are the forms in which a canary could show: as is, in
// hex (%x, %X), as decimal bytes (%v of a []byte) and in base64 (JSON of a
// []byte).
func redactEncodings(c string) []string {
	dec := fmt.Sprint([]byte(c))
	return []string{c, hex.EncodeToString([]byte(c)), strings.ToUpper(hex.EncodeToString([]byte(c))),
		dec[1 : len(dec)-1], base64.StdEncoding.EncodeToString([]byte(c))[:8]}
}

// redactVerbs are the fmt verbs a redacted type must survive.
var redactVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%o", "%e", "%10.3v", "%-8s"}

// redactOutputs prints x under the verbs and logs it every way slog
// allows, through the JSON and the text handler.
func redactOutputs(x any, verbs []string) string {
	var b bytes.Buffer
	for _, verb := range verbs {
		fmt.Fprintf(&b, verb+"\n", x)
	}
	fmt.Fprint(&b, x, "\n")
	fmt.Fprintln(&b, x)
	fmt.Fprintf(&b, "%v %+v\n", []any{x}, map[string]any{"k": x})
	for _, h := range []slog.Handler{
		slog.NewJSONHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug}),
		slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug}),
	} {
		l := slog.New(h)
		l.Info("m", "k", x)
		l.Info("m", slog.Any("k", x))
		l.Info("m", slog.Group("g", slog.Any("k", x), "k2", x))
		l.Info("m", x)
		l.With("k", x).Info("m")
		l.WithGroup("g").Info("m", "k", x)
		l.LogAttrs(context.Background(), slog.LevelInfo, "m", slog.Any("k", x), slog.Attr{Key: "v", Value: slog.AnyValue(x)})
	}
	return b.String()
}

// redactCheckSource parses the non-test Go files of dir. A type declaring
// LogValue, or String, GoString or Format whose body mentions redaction (or
// uses a redacting view), must be listed; an exported struct with a field of a
// listed type (or of one of extPII, "pkg.Type" names from other packages)
// must be listed or excused in notPII; and every listed name must exist.
func redactCheckSource(t *testing.T, dir string, listed map[string]bool, notPII map[string]string, extPII ...string) {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	structs := map[string]*ast.StructType{}
	redacting := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						if st, ok := ts.Type.(*ast.StructType); ok {
							structs[ts.Name.Name] = st
						}
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || d.Body == nil || len(d.Recv.List) == 0 {
					continue
				}
				switch d.Name.Name {
				case "String", "GoString", "Format", "LogValue":
				default:
					continue
				}
				body := strings.ToLower(string(src[fset.Position(d.Body.Pos()).Offset:fset.Position(d.Body.End()).Offset]))
				if d.Name.Name == "LogValue" || strings.Contains(body, "redact") || strings.Contains(body, "piiview") {
					redacting[redactRecvName(d.Recv.List[0].Type)] = true
				}
			}
		}
	}
	if len(structs) == 0 {
		t.Fatal("no struct type found: wrong directory?")
	}
	for name := range redacting {
		if !listed[name] && notPII[name] == "" && ast.IsExported(name) {
			t.Errorf("%s redacts but is not in the redaction table", name)
		}
	}
	pii := map[string]bool{}
	for name := range listed {
		pii[name] = true
		if _, ok := structs[name]; !ok {
			t.Errorf("listed type %s is not a struct of the package", name)
		}
	}
	for _, name := range extPII {
		pii[name] = true
	}
	for name, st := range structs {
		if !ast.IsExported(name) || listed[name] || notPII[name] != "" {
			continue
		}
		for _, field := range st.Fields.List {
			if ref := redactTypeRef(field.Type, pii); ref != "" {
				t.Errorf("%s holds %s (PII) but is not in the redaction table", name, ref)
			}
		}
	}
}

// redactTypeRef returns the PII type name e refers to, through pointers,
// slices, arrays and maps.
func redactTypeRef(e ast.Expr, pii map[string]bool) string {
	switch e := e.(type) {
	case *ast.Ident:
		if pii[e.Name] {
			return e.Name
		}
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok && pii[x.Name+"."+e.Sel.Name] {
			return x.Name + "." + e.Sel.Name
		}
	case *ast.StarExpr:
		return redactTypeRef(e.X, pii)
	case *ast.ArrayType:
		return redactTypeRef(e.Elt, pii)
	case *ast.MapType:
		if r := redactTypeRef(e.Key, pii); r != "" {
			return r
		}
		return redactTypeRef(e.Value, pii)
	}
	return ""
}

func redactRecvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
