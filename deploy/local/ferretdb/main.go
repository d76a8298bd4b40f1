// Command ferretdb runs FerretDB 1.24 (MongoDB wire protocol) with its SQLite backend
// for the local stack (deploy/local/infra).
//
// It is our own main module on purpose: `go install .../cmd/ferretdb@v1.24.2` builds a
// binary that panics at start because, when FerretDB itself is the main module,
// build/version requires a generated version.txt the module archive lacks.
//
// Clients connect to a small proxy (proxy.go) that serialises write commands per
// collection, because FerretDB's own updates are not atomic under concurrency; FerretDB
// itself listens on an ephemeral loopback port behind it.
//
// Flags (each falls back to an environment variable, then a default):
//
//	-listen-addr  KIPP_FERRETDB_LISTEN_ADDR  127.0.0.1:27017
//	-sqlite-dir   KIPP_FERRETDB_SQLITE_DIR   var/ferretdb (created if missing)
//	-log-level    KIPP_FERRETDB_LOG_LEVEL    warn (debug, info, warn, error)
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func main() {
	addr := flag.String("listen-addr", env("KIPP_FERRETDB_LISTEN_ADDR", "127.0.0.1:27017"), "TCP listen address")
	dir := flag.String("sqlite-dir", env("KIPP_FERRETDB_SQLITE_DIR", "var/ferretdb"), "directory for the SQLite databases")
	level := flag.String("log-level", env("KIPP_FERRETDB_LOG_LEVEL", "warn"), "log level: debug, info, warn, error")
	flag.Parse()

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad -log-level %q: %v\n", *level, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	abs, err := filepath.Abs(*dir)
	if err == nil {
		err = os.MkdirAll(abs, 0o755)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: sqlite dir %q: %v\n", *dir, err)
		os.Exit(1)
	}
	// SQLiteURL must be a "file:" URI of an existing directory, ending with "/".
	sqliteURL := "file:" + (&url.URL{Path: abs + "/"}).EscapedPath()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// New has already bound its listener, so the backend address is known here.
	backend := must(url.Parse(f.MongoDBURI())).Host
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: listen %s: %v\n", *addr, err)
		os.Exit(1)
	}
	go serveProxy(listener, backend, &locks{per: map[string]*sync.Mutex{}})
	go func() { <-ctx.Done(); listener.Close() }()
	fmt.Fprintf(os.Stderr, "ferretdb: listening on %s, FerretDB behind it on %s (sqlite %s)\n", *addr, backend, sqliteURL)

	if err := f.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "ferretdb: stopped")
}

func must[T any](v T, err error) T {
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
	return v
}
