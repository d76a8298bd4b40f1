package main

// Commands the proxy answers itself instead of forwarding them.
//
// PostgreSQL's jsonb cannot hold U+0000, so FerretDB fails any command whose strings
// contain a NUL byte ("unsupported Unicode escape sequence"), and on that failure it does
// not give its pooled connection back (measured: after 60 such finds the pool of 60 was
// gone and every later command waited forever). MongoDB stores such strings; this store
// cannot, so the proxy refuses them with an error of its own and FerretDB never sees them.

import (
	"bytes"
	"encoding/binary"
	"math"
)

const badValue = 2 // MongoDB's BadValue error code

// hasNulString reports whether any string value in the BSON documents contains a NUL.
func hasNulString(docs ...[]byte) bool {
	for _, doc := range docs {
		for _, e := range elements(doc) {
			switch e.kind {
			case bsonString:
				if s, ok := e.str(); ok && bytes.IndexByte([]byte(s), 0) >= 0 {
					return true
				}
			case bsonDocument, bsonArray:
				if hasNulString(e.value) {
					return true
				}
			}
		}
	}
	return false
}

// errorReply is an OP_MSG answering request `requestID` with {ok: 0, errmsg, code, codeName}.
func errorReply(requestID uint32, code int32, codeName, message string) []byte {
	var doc []byte
	doc = appendDouble(doc, "ok", 0)
	doc = appendString(doc, "errmsg", message)
	doc = appendInt32(doc, "code", code)
	doc = appendString(doc, "codeName", codeName)
	body := make([]byte, 4, len(doc)+5)
	body = append(body, doc...)
	body = append(body, 0)
	binary.LittleEndian.PutUint32(body, uint32(len(body)))

	msg := make([]byte, 16, 16+4+1+len(body))
	msg = binary.LittleEndian.AppendUint32(msg, 0) // flag bits
	msg = append(msg, 0)                           // section kind 0: the body
	msg = append(msg, body...)
	binary.LittleEndian.PutUint32(msg[0:], uint32(len(msg)))
	binary.LittleEndian.PutUint32(msg[4:], 0) // our own request id
	binary.LittleEndian.PutUint32(msg[8:], requestID)
	binary.LittleEndian.PutUint32(msg[12:], opMsg)
	return msg
}

func appendName(b []byte, kind byte, name string) []byte {
	return append(append(append(b, kind), name...), 0)
}

func appendDouble(b []byte, name string, v float64) []byte {
	return binary.LittleEndian.AppendUint64(appendName(b, bsonDouble, name), math.Float64bits(v))
}

func appendInt32(b []byte, name string, v int32) []byte {
	return binary.LittleEndian.AppendUint32(appendName(b, bsonInt32, name), uint32(v))
}

func appendString(b []byte, name, v string) []byte {
	b = binary.LittleEndian.AppendUint32(appendName(b, bsonString, name), uint32(len(v)+1))
	return append(append(b, v...), 0)
}
