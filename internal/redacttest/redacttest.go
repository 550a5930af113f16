// Package redacttest is the redaction test harness shared by the tests of
// ivms, gtr, monitoring and travelrule: it fills a value's strings with
// canaries by reflection, prints the value under many fmt verbs, logs it
// every way slog allows, looks for the canaries in their plain, hex,
// decimal-byte and base64 forms, and parses a package's source to keep the
// table of redacting types complete. It is used from _test files only and
// imports the standard library only.
package redacttest

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

// Case is one type that holds PII or a secret: a value of it with a canary
// in every string, and the field paths its redacted forms may show.
type Case struct {
	Name string
	V    any      // a pointer to the value, filled by Fill
	Safe []string // field paths (and their sub-paths) whose canaries may appear
	// Verbs are the fmt verbs checked; nil: Verbs.
	Verbs []string
}

// Spec is a package's redaction table and its exceptions.
type Spec struct {
	// Pkgs are the import paths whose unexported struct fields Fill
	// follows.
	Pkgs []string
	// Cases lists every type of the package that holds PII or a secret;
	// it returns fresh values on each call (Fill writes into them).
	Cases func() []Case
	// MethodTypes are further types checked for the methods only.
	MethodTypes []reflect.Type
	// NoFormat are listed types (or their values) without a Format
	// method, and why.
	NoFormat map[string]string
	// ValueNoFmt are listed types whose value (not pointer) has no
	// String, GoString and Format, and why.
	ValueNoFmt map[string]string
	// NotPII are exported structs that hold a listed type without being
	// personal data themselves, and why.
	NotPII map[string]string
	// ExternalPII are PII types of other packages ("pkg.Type").
	ExternalPII []string
}

// Holds checks that every case, filled with canaries, prints none of them
// (but in the facts it is meant to show) under any of its verbs nor
// through either slog handler, whether logged as an attribute, in a group,
// with slog.Any, through With or WithGroup, or as a bare argument; as a
// value or a pointer. Each case runs as a parallel subtest.
func (s Spec) Holds(t *testing.T) {
	t.Helper()
	for _, tc := range s.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			canaries := Fill(t, tc.V, s.Pkgs...)
			if len(canaries) == 0 {
				t.Fatal("no canary was placed")
			}
			verbs := tc.Verbs
			if verbs == nil {
				verbs = Verbs
			}
			elem := reflect.ValueOf(tc.V).Elem().Interface()
			for _, form := range []any{tc.V, elem} {
				out := Outputs(form, verbs)
				for canary, path := range canaries {
					if Safe(path, tc.Safe) {
						continue
					}
					for _, enc := range Encodings(canary) {
						if i := strings.Index(out, enc); i >= 0 {
							t.Errorf("%T: %s (canary %s) leaked: …%s…", form, path, canary, out[max(0, i-80):min(len(out), i+80)])
						}
					}
				}
			}
		})
	}
}

// Methods checks that every listed type, as a value and as a pointer, and
// every MethodTypes entry implements Format and LogValue. Format is what fmt
// calls for every verb (%#v included), so String and GoString are not
// required beside it; a type of NoFormat must implement String and GoString
// instead. ValueNoFmt lists value forms without fmt methods.
func (s Spec) Methods(t *testing.T) {
	t.Helper()
	var types []reflect.Type
	for _, tc := range s.Cases() {
		pt := reflect.TypeOf(tc.V)
		types = append(types, pt, pt.Elem())
	}
	types = append(types, s.MethodTypes...)
	var (
		stringer   = reflect.TypeFor[fmt.Stringer]()
		goStringer = reflect.TypeFor[fmt.GoStringer]()
		formatter  = reflect.TypeFor[fmt.Formatter]()
		logValuer  = reflect.TypeFor[slog.LogValuer]()
	)
	for _, typ := range types {
		name := typ.Name()
		if typ.Kind() == reflect.Pointer {
			name = typ.Elem().Name()
		}
		want := []reflect.Type{logValuer}
		switch {
		case typ.Kind() != reflect.Pointer && s.ValueNoFmt[name] != "":
		case s.NoFormat[name] != "":
			want = append(want, stringer, goStringer)
		default:
			want = append(want, formatter)
		}
		for _, iface := range want {
			if !typ.Implements(iface) {
				t.Errorf("%v does not implement %v", typ, iface)
			}
		}
	}
}

// Check runs Holds, Methods and TableIsComplete (on the package in the
// test's directory) as parallel subtests: the whole harness for a package
// whose table needs nothing else.
func (s Spec) Check(t *testing.T) {
	t.Helper()
	t.Run("holds", func(t *testing.T) { t.Parallel(); s.Holds(t) })
	t.Run("methods", func(t *testing.T) { t.Parallel(); s.Methods(t) })
	t.Run("table is complete", func(t *testing.T) { t.Parallel(); s.TableIsComplete(t, ".") })
}

// TableIsComplete inspects the source of the package in dir: every type
// with a LogValue or a redacting String, GoString or Format, and every
// exported struct holding a listed type, is in Cases or MethodTypes (or in
// NotPII); and every case's name is its value's type.
func (s Spec) TableIsComplete(t *testing.T, dir string) {
	t.Helper()
	listed := map[string]bool{}
	for _, tc := range s.Cases() {
		listed[tc.Name] = true
		if got := reflect.TypeOf(tc.V).Elem().Name(); got != tc.Name {
			t.Errorf("case %s holds a %s", tc.Name, got)
		}
	}
	for _, typ := range s.MethodTypes {
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		listed[typ.Name()] = true
	}
	CheckSource(t, dir, listed, s.NotPII, s.ExternalPII...)
}

// Fill puts a distinct canary in every string reachable from v (a pointer
// to a struct), following pointers, slices, maps and, in the packages
// named by pkgs, unexported struct fields. It returns canary → field path.
func Fill(t testing.TB, v any, pkgs ...string) map[string]string {
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

// Safe reports whether path is one of safe or below one.
func Safe(path string, safe []string) bool {
	for _, s := range safe {
		if path == s || strings.HasPrefix(path, s+".") || strings.HasPrefix(path, s+"[") || strings.HasPrefix(path, s+"{") {
			return true
		}
	}
	return false
}

// Encodings are the forms in which a canary could show: as is, in hex
// (%x, %X), as decimal bytes (%v of a []byte) and in base64 (JSON of a
// []byte).
func Encodings(c string) []string {
	dec := fmt.Sprint([]byte(c))
	return []string{c, hex.EncodeToString([]byte(c)), strings.ToUpper(hex.EncodeToString([]byte(c))),
		dec[1 : len(dec)-1], base64.StdEncoding.EncodeToString([]byte(c))[:8]}
}

// Verbs are the fmt verbs a redacted type must survive.
var Verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%o", "%e", "%10.3v", "%-8s"}

// Outputs prints x under the verbs and logs it every way slog allows,
// through the JSON and the text handler.
func Outputs(x any, verbs []string) string {
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

// Hides checks that x, printed under verbs and logged as Outputs does,
// shows none of secret (which must not be empty) and does show shown.
func Hides(t testing.TB, x any, verbs []string, secret, shown string) {
	t.Helper()
	out := Outputs(x, verbs)
	if secret == "" || strings.Contains(out, secret) {
		t.Errorf("the secret leaked:\n%s", out)
	}
	if !strings.Contains(out, shown) {
		t.Errorf("%q is not shown:\n%s", shown, out)
	}
}

// CheckSource parses the non-test Go files of dir. A type declaring
// LogValue, or String, GoString or Format whose body mentions redaction (or
// uses a redacting view), must be listed; an exported struct with a field of a
// listed type (or of one of extPII, "pkg.Type" names from other packages)
// must be listed or excused in notPII; and every listed name must exist.
func CheckSource(t testing.TB, dir string, listed map[string]bool, notPII map[string]string, extPII ...string) {
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
					redacting[recvName(d.Recv.List[0].Type)] = true
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
			if ref := typeRef(field.Type, pii); ref != "" {
				t.Errorf("%s holds %s (PII) but is not in the redaction table", name, ref)
			}
		}
	}
}

// typeRef returns the PII type name e refers to, through pointers, slices,
// arrays and maps.
func typeRef(e ast.Expr, pii map[string]bool) string {
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
		return typeRef(e.X, pii)
	case *ast.ArrayType:
		return typeRef(e.Elt, pii)
	case *ast.MapType:
		if r := typeRef(e.Key, pii); r != "" {
			return r
		}
		return typeRef(e.Value, pii)
	}
	return ""
}

func recvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
