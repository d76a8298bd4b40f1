package main

// A MongoDB wire-protocol proxy in front of FerretDB that makes each write command
// atomic with respect to other writes on the same collection.
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
		return string(element[end+5 : end+5+strLen-1]), expectsReply
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
