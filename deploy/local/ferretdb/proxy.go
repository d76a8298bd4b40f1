package main

// A MongoDB wire-protocol proxy in front of FerretDB that makes each write command
// atomic with respect to other writes on the same collection (database and name).
//
// Why: FerretDB 1.24 runs update, findAndModify and delete as "query, then write"
// without a lock, so concurrent updates of one document lose each other (measured:
// 200 concurrent $inc on one document left 14; 50 concurrent conditional updates of
// one draft had 2 winners). MongoDB applies each single-document update atomically,
// and the platform's guarantees (outbox in the aggregate, conditional state changes,
// counters) rely on that. Serialising the write commands per collection name here
// restores it without touching FerretDB.
//
// The proxy reads one whole message from the client, forwards it, and forwards the
// one reply back: drivers keep one request in flight per connection. For OP_MSG
// (opcode 2013) write commands it holds the collection's lock from forwarding the
// request until the reply has arrived.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
)

const (
	opMsg      = 2013
	moreToCome = 1 << 1
	maxMessage = 48 * 1024 * 1024
)

var writeCommands = map[string]bool{"update": true, "findAndModify": true, "findandmodify": true, "delete": true, "insert": true}

type locks struct {
	mu  sync.Mutex
	per map[string]*sync.Mutex
}

func (l *locks) of(name string) *sync.Mutex {
	l.mu.Lock()
	defer l.mu.Unlock()
	m, ok := l.per[name]
	if !ok {
		m = &sync.Mutex{}
		l.per[name] = m
	}
	return m
}

// readMessage reads one wire-protocol message (header included).
func readMessage(r io.Reader) ([]byte, error) {
	var header [4]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	size := int(binary.LittleEndian.Uint32(header[:]))
	if size < 16 || size > maxMessage {
		return nil, fmt.Errorf("bad message length %d", size)
	}
	msg := make([]byte, size)
	copy(msg, header[:])
	_, err := io.ReadFull(r, msg[4:])
	return msg, err
}

// writeTarget returns the collection a write command names, or "" for anything else.
// An OP_MSG is: header(16) flagBits(4) then sections; kind 0 carries the command
// document, whose first element is the command name with the collection as a string.
func writeTarget(msg []byte) (target string, expectsReply bool) {
	if binary.LittleEndian.Uint32(msg[12:16]) != opMsg || len(msg) < 27 {
		return "", true
	}
	flags := binary.LittleEndian.Uint32(msg[16:20])
	expectsReply = flags&moreToCome == 0
	body := msg[20:]
	for len(body) > 0 {
		kind := body[0]
		body = body[1:]
		if kind == 1 { // document sequence: int32 size (including itself), then cstring id and documents
			if len(body) < 4 {
				return "", expectsReply
			}
			size := int(binary.LittleEndian.Uint32(body[:4]))
			if size > len(body) {
				return "", expectsReply
			}
			body = body[size:]
			continue
		}
		if kind != 0 || len(body) < 6 || body[4] != 0x02 { // first element must be a string
			return "", expectsReply
		}
		element := body[5:]
		end := indexZero(element)
		if end < 0 || len(element) < end+5 {
			return "", expectsReply
		}
		name := string(element[:end])
		if !writeCommands[name] {
			return "", expectsReply
		}
		strLen := int(binary.LittleEndian.Uint32(element[end+1 : end+5]))
		if strLen < 1 || len(element) < end+5+strLen {
			return "", expectsReply
		}
		db, _ := stringField(body, "$db")
		return db + "." + string(element[end+5:end+5+strLen-1]), expectsReply
	}
	return "", expectsReply
}

func indexZero(b []byte) int {
	for i, c := range b {
		if c == 0 {
			return i
		}
	}
	return -1
}

func serveProxy(listener net.Listener, backend string, l *locks) {
	for {
		client, err := listener.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				fmt.Fprintf(os.Stderr, "ferretdb proxy: accept: %v\n", err)
			}
			return
		}
		go relay(client, backend, l)
	}
}

func relay(client net.Conn, backend string, l *locks) {
	defer client.Close()
	server, err := net.Dial("tcp", backend)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb proxy: dial %s: %v\n", backend, err)
		return
	}
	defer server.Close()
	for {
		msg, err := readMessage(client)
		if err != nil {
			return
		}
		target, expectsReply := writeTarget(msg)
		if target != "" {
			lock := l.of(target)
			lock.Lock()
			err = exchange(client, server, msg, expectsReply)
			lock.Unlock()
		} else {
			err = exchange(client, server, msg, expectsReply)
		}
		if err != nil {
			return
		}
	}
}

// exchange forwards one request and, unless the client said moreToCome, its reply.
func exchange(client, server net.Conn, msg []byte, expectsReply bool) error {
	if _, err := server.Write(msg); err != nil {
		return err
	}
	if !expectsReply {
		return nil
	}
	reply, err := readMessage(server)
	if err != nil {
		return err
	}
	_, err = client.Write(reply)
	return err
}

// stringField finds a top-level string field of a BSON document by walking its elements.
func stringField(doc []byte, key string) (string, bool) {
	if len(doc) < 5 {
		return "", false
	}
	size := int(binary.LittleEndian.Uint32(doc[:4]))
	if size > len(doc) || size < 5 {
		return "", false
	}
	rest := doc[4 : size-1]
	for len(rest) > 0 {
		kind := rest[0]
		end := indexZero(rest[1:])
		if end < 0 {
			return "", false
		}
		name := string(rest[1 : 1+end])
		value := rest[2+end:]
		n := valueSize(kind, value)
		if n < 0 || n > len(value) {
			return "", false
		}
		if name == key && kind == 0x02 && n >= 5 {
			return string(value[4 : n-1]), true
		}
		rest = value[n:]
	}
	return "", false
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
