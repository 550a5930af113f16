package monitoring

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// The wire codec.
//
// Sumsub's documented examples carry quirks a lossless model must keep:
// numbers sent as strings (" 1.7976931348623157"), exact decimal tokens
// (95238.09523809524), meaningful empty strings (bonusId ""), explicit
// false booleans and keys this package does not model. Plain struct tags
// keep none of that, so every wire object goes through one small
// reflection codec over encoding/json, which does all tokenizing,
// validation, unescaping and escaping:
//
//   - the decoder (encoding/json validates and unescapes, a small walker
//     splits the objects: see unmarshalWire) fills the modelled fields —
//     a Number keeps its token verbatim — and puts every other member, and
//     every modelled one received as "", false, null or with an unexpected
//     JSON type, into the object's Extra map, raw, so it is re-sent as
//     received;
//   - the encoder writes the non-zero modelled fields in declaration
//     order, then the Extra keys in sorted order (a modelled key in Extra is
//     skipped when its field is set, so a value set in code wins).
//
// A wire struct has `json:"name"` tags on its modelled fields and an
// `Extra map[string]json.RawMessage` field tagged `json:"-"`.

type fieldKind uint8

const (
	kindString      fieldKind = iota // any string-kinded type
	kindBool                         // bool
	kindNumber                       // Number
	kindStruct                       // *T, T a wire struct
	kindStructSlice                  // []T, T a wire struct
	kindStringSlice                  // []string
	kindRaw                          // json.RawMessage
	kindProps                        // Props
)

type fieldInfo struct {
	name  string
	key   []byte // `"name":`
	index int
	kind  fieldKind
	elem  reflect.Type // the struct type for kindStruct and kindStructSlice
	codec *structCodec // elem's codec, when known at build time
}

// elemCodec returns the codec of the field's struct type.
func (f *fieldInfo) elemCodec() *structCodec {
	if f.codec != nil {
		return f.codec
	}
	return codecFor(f.elem)
}

type structCodec struct {
	fields []fieldInfo
	byName map[string]int // index into fields
	extra  int            // field index of Extra, or -1

	unsupported []string // tagged fields of a type the codec cannot handle
}

var (
	codecCache sync.Map // reflect.Type → *structCodec

	typeNumber   = reflect.TypeFor[Number]()
	typeRaw      = reflect.TypeFor[json.RawMessage]()
	typeProps    = reflect.TypeFor[Props]()
	typeExtraMap = reflect.TypeFor[map[string]json.RawMessage]()
)

// codecFor returns the codec of wire struct type t.
func codecFor(t reflect.Type) *structCodec {
	if c, ok := codecCache.Load(t); ok {
		return c.(*structCodec)
	}
	c := buildCodec(t, map[reflect.Type]bool{t: true})
	actual, _ := codecCache.LoadOrStore(t, c)
	return actual.(*structCodec)
}

// buildCodec builds t's codec, and those of the structs it holds unless
// they are being built further up (a cycle, resolved at run time).
func buildCodec(t reflect.Type, building map[reflect.Type]bool) *structCodec {
	c := &structCodec{byName: map[string]int{}, extra: -1}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Name == "Extra" && sf.Type == typeExtraMap {
			c.extra = i
			continue
		}
		tag := sf.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			continue
		}
		f := fieldInfo{name: name, index: i}
		kb, _ := json.Marshal(name)
		f.key = append(kb, ':')
		ft := sf.Type
		switch {
		case ft == typeNumber:
			f.kind = kindNumber
		case ft == typeRaw:
			f.kind = kindRaw
		case ft == typeProps:
			f.kind = kindProps
		case ft.Kind() == reflect.String:
			f.kind = kindString
		case ft.Kind() == reflect.Bool:
			f.kind = kindBool
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			f.kind, f.elem = kindStruct, ft.Elem()
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			f.kind, f.elem = kindStructSlice, ft.Elem()
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			f.kind = kindStringSlice
		default:
			// A field type the codec does not know: a programming error
			// in this package, reported by TestWireTypesSupported.
			c.unsupported = append(c.unsupported, sf.Name)
			continue
		}
		if f.elem != nil && !building[f.elem] {
			if cached, ok := codecCache.Load(f.elem); ok {
				f.codec = cached.(*structCodec)
			} else {
				building[f.elem] = true
				f.codec = buildCodec(f.elem, building)
				delete(building, f.elem)
			}
		}
		c.byName[name] = len(c.fields)
		c.fields = append(c.fields, f)
	}
	return c
}

// marshalWire encodes the wire struct pointed to by v.
func marshalWire(v any) ([]byte, error) {
	rv := reflect.ValueOf(v).Elem()
	e := newEncoder()
	if err := e.object(rv, codecFor(rv.Type())); err != nil {
		return nil, err
	}
	return e.buf, nil
}
