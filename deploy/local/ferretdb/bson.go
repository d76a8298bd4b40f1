package main

// Just enough BSON to read a command: walk a document's elements without decoding them.

import (
	"encoding/binary"
	"math"
	"strconv"
)

const (
	bsonDouble   = 0x01
	bsonString   = 0x02
	bsonDocument = 0x03
	bsonArray    = 0x04
	bsonObjectID = 0x07
	bsonInt32    = 0x10
	bsonInt64    = 0x12
)

type element struct {
	kind  byte
	name  string
	value []byte // the encoded value, exactly valueSize long
}

// elements returns the top-level elements of a BSON document, or nil when it is malformed.
func elements(doc []byte) []element {
	if len(doc) < 5 {
		return nil
	}
	size := int(binary.LittleEndian.Uint32(doc[:4]))
	if size > len(doc) || size < 5 {
		return nil
	}
	var out []element
	rest := doc[4 : size-1]
	for len(rest) > 0 {
		kind := rest[0]
		end := indexZero(rest[1:])
		if end < 0 {
			return nil
		}
		name := string(rest[1 : 1+end])
		value := rest[2+end:]
		n := valueSize(kind, value)
		if n < 0 || n > len(value) {
			return nil
		}
		out = append(out, element{kind: kind, name: name, value: value[:n]})
		rest = value[n:]
	}
	return out
}

// field finds a top-level element by name.
func field(doc []byte, name string) (element, bool) {
	for _, e := range elements(doc) {
		if e.name == name {
			return e, true
		}
	}
	return element{}, false
}

func (e element) str() (string, bool) {
	if e.kind != bsonString || len(e.value) < 5 {
		return "", false
	}
	return string(e.value[4 : len(e.value)-1]), true
}

// scalarKey is a lock key for an `_id` value, equal for values MongoDB treats as equal
// (5, 5L and 5.0 are one `_id`); "" when the value is not a plain scalar (an operator
// document such as {"$in": [...]}, an array, …).
func (e element) scalarKey() string {
	switch e.kind {
	case bsonString, bsonObjectID:
		return string([]byte{e.kind}) + string(e.value)
	case bsonInt32:
		return "n" + strconv.FormatFloat(float64(int32(binary.LittleEndian.Uint32(e.value))), 'g', -1, 64)
	case bsonInt64:
		return "n" + strconv.FormatFloat(float64(int64(binary.LittleEndian.Uint64(e.value))), 'g', -1, 64)
	case bsonDouble:
		return "n" + strconv.FormatFloat(math.Float64frombits(binary.LittleEndian.Uint64(e.value)), 'g', -1, 64)
	}
	return ""
}

func indexZero(b []byte) int {
	for i, c := range b {
		if c == 0 {
			return i
		}
	}
	return -1
}

// valueSize is the encoded size of a BSON value of type `kind`, or -1 when unknown.
func valueSize(kind byte, value []byte) int {
	int32At := func(i int) int {
		if len(value) < i+4 {
			return -1 << 30
		}
		return int(int32(binary.LittleEndian.Uint32(value[i : i+4])))
	}
	switch kind {
	case 0x01, 0x09, 0x11, 0x12: // double, datetime, timestamp, int64
		return 8
	case 0x02, 0x0D, 0x0E: // string, code, symbol
		return 4 + int32At(0)
	case 0x03, 0x04, 0x0F: // document, array, code with scope
		return int32At(0)
	case 0x05: // binary
		return 5 + int32At(0)
	case 0x06, 0x0A, 0xFF, 0x7F: // undefined, null, min key, max key
		return 0
	case 0x07: // object id
		return 12
	case 0x08: // bool
		return 1
	case 0x0B: // regex: two cstrings
		first := indexZero(value)
		if first < 0 {
			return -1
		}
		second := indexZero(value[first+1:])
		if second < 0 {
			return -1
		}
		return first + second + 2
	case 0x0C: // db pointer
		return 4 + int32At(0) + 12
	case 0x10: // int32
		return 4
	case 0x13: // decimal128
		return 16
	}
	return -1
}
