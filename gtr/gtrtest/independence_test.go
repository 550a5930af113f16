package gtrtest_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestFakeJudgesIndependently is the bar of ARCHITECTURE.md: the fake
// decides from GTR's documentation written in the fake, never with package
// gtr's validation, matching, verdict or decoding code. It parses the
// fake's sources and fails on any call into package gtr other than the
// constructors, options and conversions listed here, and on any call of a
// method package gtr declares that is not on the short list of key and
// text accessors.
func TestFakeJudgesIndependently(t *testing.T) {
	t.Parallel()
	allowedGTR := map[string]bool{
		// a counterparty's key pair, and the client and options NewClient
		// and ClientOptions hand out
		"GenerateKeyPair": true, "New": true, "WithLogin": true, "WithAppToken": true, "WithClientCertificate": true,
		"WithRootCAs": true, "WithHTTPClient": true, "WithBaseURL": true,
		// conversions to package gtr's types, for the fake's public API
		"FieldID": true, "FieldStatus": true, "VerifyStatus": true, "VerifyStage": true, "Direction": true,
		"PublicKey": true, "FormatType": true,
	}
	allowedIVMS := map[string]bool{
		// writing the fake's own registered persons, and Record.Identity
		"Marshal": true, "UnmarshalWith": true, "IgnoreUnknownKeys": true, "NewLegalPerson": true,
	}
	// Methods of package gtr the fake may call: a key pair's public key and
	// its export (for internal/pii), and Base64 text of a public key.
	allowedMethods := map[string]bool{"PublicKey": true, "ExportPrivateKey": true, "String": true, "IsZero": true}

	gtrMethods := declared(t, "..", true)
	// FieldGroup's methods only spell verify-field ids (the fake keeps its
	// own table and judges nothing with them); their names are IVMS field
	// names the ivms builders share (Name, CountryOfRegistration …).
	for m := range receiverMethods(t, "..", "FieldGroup") {
		delete(gtrMethods, m)
	}
	own := declared(t, ".", false)
	// internal/pii is the documented algorithm (sealing, field walkers):
	// its methods may share names with package gtr's wrappers (Seal,
	// Open). Package gtr's sealer is unexported.
	crypto := declared(t, "../../internal/pii", true)
	// internal/fakefault is the fault engine the three fakes share.
	faults := declared(t, "../../internal/faultengine", true)
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		imports := map[string]bool{}
		for _, im := range f.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			name := p[strings.LastIndex(p, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = true
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pos := fset.Position(call.Pos()).String()
			if pkg, ok := sel.X.(*ast.Ident); ok {
				switch pkg.Name {
				case "gtr":
					if !allowedGTR[sel.Sel.Name] {
						bad = append(bad, pos+": gtr."+sel.Sel.Name)
					}
					return true
				case "ivms":
					if !allowedIVMS[sel.Sel.Name] {
						bad = append(bad, pos+": ivms."+sel.Sel.Name)
					}
					return true
				default:
					if imports[pkg.Name] {
						return true // another package's function (pii, json, http …)
					}
				}
			}
			m := sel.Sel.Name
			if gtrMethods[m] && !own[m] && !allowedMethods[m] && !stdlibMethod[m] && !crypto[m] && !faults[m] {
				bad = append(bad, pos+": method "+m+" of package gtr")
			}
			return true
		})
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("the fake calls package gtr's code: %s", b)
	}
}

// stdlibMethod are method names package gtr shares with the standard
// library types the fake uses (http, tls, json, sync, bytes, strings).
var stdlibMethod = map[string]bool{
	"Error": true, "Unwrap": true, "Is": true, "Lock": true, "Unlock": true, "Close": true, "Do": true,
	"Get": true, "Set": true, "Add": true, "Del": true, "Write": true, "WriteString": true, "Len": true,
	"Reset": true, "Bytes": true, "Format": true, "MarshalJSON": true, "Header": true, "Load": true,
	"Store": true, "Clone": true, "Query": true, "Context": true, "Float64": true, "Int64": true,
	"Handle": true, "Compare": true,
}

// declared returns the names of the methods (methodsOnly) or of all the
// functions and methods declared in the Go files of dir, tests excluded.
func declared(t *testing.T, dir string, methodsOnly bool) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && (!methodsOnly || fd.Recv != nil) {
				out[fd.Name.Name] = true
			}
		}
	}
	return out
}

// receiverMethods returns the names of the methods declared on the type
// named recv in the Go files of dir, tests excluded.
func receiverMethods(t *testing.T, dir, recv string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) == 0 {
				continue
			}
			if id, ok := fd.Recv.List[0].Type.(*ast.Ident); ok && id.Name == recv {
				out[fd.Name.Name] = true
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no method of %s found in %s", recv, dir)
	}
	return out
}
