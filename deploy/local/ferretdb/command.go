package main

// What the proxy needs to know about one client message: which command, on which
// collection, and which documents a write can change.

import (
	"encoding/binary"
	"sort"
)

const (
	opMsg      = 2013
	moreToCome = 1 << 1
)

type command struct {
	name string
	db   string
	coll string // the collection a command names ("" when it names none)
	// For update, delete and findAndModify: the `_id`s every statement selects by exact
	// value (sorted, so locks are always taken in one order), or exclusive when some
	// statement selects otherwise and may touch any document of the collection.
	ids       []string
	exclusive bool
	// A string value holds a NUL, which the store cannot keep (refuse.go).
	nulString bool
}

var (
	documentWrites = map[string]string{"update": "updates", "delete": "deletes", "findAndModify": "", "findandmodify": ""}
	schemaChanges  = map[string]bool{"create": true, "createIndexes": true}
	drops          = map[string]bool{"drop": true, "dropDatabase": true}
)

func (c command) isDocumentWrite() bool { _, ok := documentWrites[c.name]; return ok }
func (c command) isWrite() bool         { return c.isDocumentWrite() || c.name == "insert" }

// parseCommand reads an OP_MSG; anything else (or anything malformed) is a command with
// no name, which the proxy simply forwards.
func parseCommand(msg []byte) (cmd command, expectsReply bool) {
	if len(msg) < 21 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return command{}, true
	}
	expectsReply = binary.LittleEndian.Uint32(msg[16:20])&moreToCome == 0
	var body []byte
	var documents [][]byte
	sequences := map[string][][]byte{}
	rest := msg[20:]
	for len(rest) > 0 {
		kind := rest[0]
		rest = rest[1:]
		switch kind {
		case 0:
			size := valueSize(bsonDocument, rest)
			if size < 5 || size > len(rest) {
				return command{}, expectsReply
			}
			body, rest = rest[:size], rest[size:]
		case 1: // document sequence: int32 size (itself included), cstring identifier, documents
			size := valueSize(bsonDocument, rest)
			if size < 5 || size > len(rest) {
				return command{}, expectsReply
			}
			id, docs := splitSequence(rest[4:size])
			sequences[id] = docs
			documents = append(documents, docs...)
			rest = rest[size:]
		default:
			return command{}, expectsReply // a checksum or an unknown section: nothing more to read
		}
	}
	all := elements(body)
	if len(all) == 0 {
		return command{}, expectsReply
	}
	cmd.name = all[0].name
	cmd.coll, _ = all[0].str()
	if db, ok := field(body, "$db"); ok {
		cmd.db, _ = db.str()
	}
	if cmd.isDocumentWrite() {
		cmd.ids, cmd.exclusive = selectedIDs(cmd.name, body, sequences)
	}
	cmd.nulString = hasNulString(append(documents, body)...)
	return cmd, expectsReply
}

func splitSequence(b []byte) (string, [][]byte) {
	end := indexZero(b)
	if end < 0 {
		return "", nil
	}
	id, rest := string(b[:end]), b[end+1:]
	var docs [][]byte
	for len(rest) > 0 {
		size := valueSize(bsonDocument, rest)
		if size < 5 || size > len(rest) {
			return id, nil
		}
		docs = append(docs, rest[:size])
		rest = rest[size:]
	}
	return id, docs
}

// selectedIDs lists the `_id` each statement's filter fixes; exclusive when one does not.
func selectedIDs(name string, body []byte, sequences map[string][][]byte) (ids []string, exclusive bool) {
	var filters [][]byte
	if list := documentWrites[name]; list == "" { // findAndModify: one filter in "query"
		query, ok := field(body, "query")
		if !ok || query.kind != bsonDocument {
			return nil, true
		}
		filters = append(filters, query.value)
	} else {
		statements := sequences[list]
		if array, ok := field(body, list); ok && array.kind == bsonArray {
			for _, e := range elements(array.value) {
				statements = append(statements, e.value)
			}
		}
		for _, statement := range statements {
			q, ok := field(statement, "q")
			if !ok || q.kind != bsonDocument {
				return nil, true
			}
			filters = append(filters, q.value)
		}
	}
	seen := map[string]bool{}
	for _, filter := range filters {
		id, ok := field(filter, "_id")
		key := id.scalarKey()
		if !ok || key == "" {
			return nil, true
		}
		if !seen[key] {
			seen[key] = true
			ids = append(ids, key)
		}
	}
	if len(ids) == 0 {
		return nil, true
	}
	sort.Strings(ids)
	return ids, false
}
