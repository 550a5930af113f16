package monitoring

import (
	"encoding/json"
	"errors"
	"reflect"
)

// The oracle of FuzzTransactionUnmarshal: the wire decoding done with
// encoding/json alone, each object split by json.Unmarshal into
// map[string]json.RawMessage and each modelled member dispatched by the
// field table. It is what unmarshalWire's walker must match; it is not used
// in production because it rescans every nested object (see unmarshalWire).

// unmarshalStd decodes data into the wire struct pointed to by v.
func unmarshalStd(data []byte, v any) error {
	rv := reflect.ValueOf(v).Elem()
	return decodeObjectStd(data, rv, codecFor(rv.Type()))
}

// decodeObject decodes the JSON object data into the struct v: encoding/json
// splits it into members, and each modelled member is decoded into its
// field unless field refuses it, in which case it goes to Extra raw, as
// does every other member.
func decodeObjectStd(data []byte, v reflect.Value, c *structCodec) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	if members == nil { // null
		return errors.New("not an object")
	}
	for key, raw := range members {
		if i, ok := c.byName[key]; ok {
			f := &c.fields[i]
			kept, err := decodeFieldStd(raw, v.Field(f.index), f)
			if err != nil {
				return err
			}
			if kept {
				if c.extra >= 0 {
					if ev := v.Field(c.extra); !ev.IsNil() {
						ev.SetMapIndex(reflect.ValueOf(key), reflect.Value{})
					}
				}
				continue
			}
			v.Field(f.index).SetZero()
		}
		if c.extra >= 0 {
			ev := v.Field(c.extra)
			if ev.IsNil() {
				ev.Set(reflect.MakeMap(typeExtraMap))
			}
			ev.SetMapIndex(reflect.ValueOf(key), reflect.ValueOf(raw))
		}
	}
	return nil
}

// decodeField decodes one modelled member, raw being valid JSON without
// surrounding space (as encoding/json hands it over). It reports false
// when the value should instead be kept verbatim in Extra: a zero value
// ("" or false), null, or a JSON type the field does not take.
func decodeFieldStd(raw json.RawMessage, fv reflect.Value, f *fieldInfo) (bool, error) {
	c := raw[0]
	switch f.kind {
	case kindString:
		var s string
		if c != '"' || json.Unmarshal(raw, &s) != nil || s == "" {
			return false, nil
		}
		fv.SetString(s)
	case kindBool:
		if string(raw) != "true" {
			return false, nil
		}
		fv.SetBool(true)
	case kindNumber:
		if c != '"' && c != '-' && (c < '0' || c > '9') {
			return false, nil
		}
		fv.Addr().Interface().(*Number).tok = string(raw)
	case kindRaw:
		if c == 'n' {
			return false, nil
		}
		fv.SetBytes(raw)
	case kindStruct:
		if c != '{' {
			return false, nil
		}
		p := reflect.New(f.elem)
		if err := decodeObjectStd(raw, p.Elem(), f.elemCodec()); err != nil {
			return false, err
		}
		fv.Set(p)
	case kindStructSlice:
		elems, ok := arrayOfStd(raw, '{')
		if !ok {
			return false, nil
		}
		ec := f.elemCodec()
		s := reflect.MakeSlice(fv.Type(), len(elems), len(elems))
		for i, e := range elems {
			if err := decodeObjectStd(e, s.Index(i), ec); err != nil {
				return false, err
			}
		}
		fv.Set(s)
	case kindStringSlice:
		if _, ok := arrayOfStd(raw, '"'); !ok {
			return false, nil
		}
		out := []string{}
		if err := json.Unmarshal(raw, &out); err != nil {
			return false, nil
		}
		fv.Set(reflect.ValueOf(out).Convert(fv.Type()))
	case kindProps:
		var m map[string]json.RawMessage
		if c != '{' || json.Unmarshal(raw, &m) != nil {
			return false, nil
		}
		p := make(Props, len(m))
		for k, r := range m {
			p[k] = PropValue{raw: string(r)}
		}
		fv.Set(reflect.ValueOf(p))
	}
	return true, nil
}

// arrayOf returns the elements of the JSON array raw when each of them
// starts with first ('{' objects, '"' strings).
func arrayOfStd(raw json.RawMessage, first byte) ([]json.RawMessage, bool) {
	var elems []json.RawMessage
	if raw[0] != '[' || json.Unmarshal(raw, &elems) != nil {
		return nil, false
	}
	for _, e := range elems {
		if e[0] != first {
			return nil, false
		}
	}
	return elems, true
}
