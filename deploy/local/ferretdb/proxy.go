package main

// A MongoDB wire-protocol proxy in front of FerretDB.
//
// It reads one whole message from the client, forwards it, and forwards the one reply
// back: drivers keep one request in flight per connection. Around each exchange it takes
// the write locks of locks.go and one of a bounded number of slots, so FerretDB never
// works on more commands at once than its PostgreSQL pool can serve (measured: with the
// default pool of 50, 50 or more concurrent updates on a freshly started FerretDB froze
// it for good, each holding one pooled connection while waiting for a second). After a
// command that declares an index or creates a collection, and after the first write to
// a collection it has not seen, it has the mirror (mirror.go) bring PostgreSQL's indexes
// up to date before the client hears the reply, so an index is usable once declared.

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
)

const maxMessage = 48 * 1024 * 1024

type proxy struct {
	backend string
	locks   *lockTable
	slots   chan struct{}
	mirror  *mirror

	mu   sync.Mutex
	seen map[string]bool // "db.collection" written since start (its `_id` index is mirrored)
}

func (p *proxy) serve(listener net.Listener) {
	for {
		client, err := listener.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				fmt.Fprintf(os.Stderr, "ferretdb proxy: accept: %v\n", err)
			}
			return
		}
		go p.relay(client)
	}
}

func (p *proxy) relay(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.backend)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb proxy: dial %s: %v\n", p.backend, err)
		return
	}
	defer server.Close()
	for {
		msg, err := readMessage(client)
		if err != nil {
			return
		}
		cmd, expectsReply := parseCommand(msg)
		if cmd.nulString {
			if expectsReply {
				reply := errorReply(binary.LittleEndian.Uint32(msg[4:8]), badValue, "BadValue",
					"this store cannot keep strings that contain a NUL character (U+0000)")
				if _, err := client.Write(reply); err != nil {
					return
				}
			}
			continue
		}
		reply, err := p.forward(server, cmd, msg, expectsReply)
		if err != nil {
			return
		}
		p.afterwards(cmd)
		if reply != nil {
			if _, err := client.Write(reply); err != nil {
				return
			}
		}
	}
}

// forward sends one request under its locks and a slot, and reads its reply (if any).
func (p *proxy) forward(server net.Conn, cmd command, msg []byte, expectsReply bool) ([]byte, error) {
	unlock := p.locks.lock(cmd)
	defer unlock()
	p.slots <- struct{}{}
	defer func() { <-p.slots }()
	if _, err := server.Write(msg); err != nil {
		return nil, err
	}
	if !expectsReply {
		return nil, nil
	}
	return readMessage(server)
}

// afterwards keeps the mirrored indexes in step with what the command may have created.
func (p *proxy) afterwards(cmd command) {
	name := cmd.db + "." + cmd.coll
	p.mu.Lock()
	if drops[cmd.name] {
		for known := range p.seen {
			if known == name || (cmd.name == "dropDatabase" && strings.HasPrefix(known, cmd.db+".")) {
				delete(p.seen, known)
			}
		}
	}
	due := schemaChanges[cmd.name] || (cmd.isWrite() && !p.seen[name])
	p.mu.Unlock()
	if !due {
		return
	}
	if err := p.mirror.Sync(context.Background(), cmd.db); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb proxy: mirroring the indexes of %s: %v\n", cmd.db, err)
		return
	}
	p.mu.Lock()
	p.seen[name] = true
	p.mu.Unlock()
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
